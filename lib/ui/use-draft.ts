/** A local copy of a stored value to edit, for the settings forms, and how a field of a form's draft changes. */
import { useEffect, useState } from 'preact/hooks';

/** The copy is replaced when the stored value changes (a save, another tab). */
export function useDraft<T>(stored: T) {
  const [draft, setDraft] = useState(stored);
  const storedKey = JSON.stringify(stored);
  // Compared as JSON: the background answers a new object on every read.
  useEffect(() => setDraft(stored), [storedKey]);
  return [draft, setDraft] as const;
}

/**
 * An update of one field, for a draft's setter: it applies to the latest draft, not to the one drawn
 * when the handler was made, so that changes of several fields in one task (a password manager
 * filling a form) all stay. `value` is taken at once, while the event that brought it is current.
 */
export const withField =
  <T, K extends keyof T>(field: K, value: T[K]) =>
  (draft: T): T => ({ ...draft, [field]: value });

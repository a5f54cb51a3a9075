/** A local copy of a stored value to edit, for the settings forms. */
import { useEffect, useState } from 'preact/hooks';

/** The copy is replaced when the stored value changes (a save, another tab). */
export function useDraft<T>(stored: T): [T, (next: T) => void] {
  const [draft, setDraft] = useState(stored);
  const storedKey = JSON.stringify(stored);
  // Compared as JSON: the background answers a new object on every read.
  useEffect(() => setDraft(stored), [storedKey]);
  return [draft, setDraft];
}

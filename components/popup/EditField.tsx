/**
 * One editable value of an account (password, remark, limit): the input, its rule explained, a check
 * made before anything is sent, the provider's caveat, and the background's message on failure. A
 * secret (the new password) is masked unless the user shows it, and leaves the screen once saved.
 */
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import { t } from '../../lib/shared/i18n.ts';
import { useAction } from '../../lib/ui/use-action.ts';
import { ActionError } from '../States.tsx';

export interface EditFieldProps {
  label: string;
  initial: string;
  type?: 'text' | 'number';
  /** A password: masked with a Show/Hide toggle, and emptied (hidden again) once saved. */
  secret?: boolean;
  /** The rule, shown under the input; `problem` says why a value breaks it. */
  hint: ComponentChildren;
  /** Undefined when the value may be sent; otherwise what is wrong with it. */
  problem: (value: string) => string | undefined;
  /** Sends the value; resolves when the background accepted it. */
  onSave: (value: string) => Promise<unknown>;
  /** What to know after saving (the provider's 5-minute delays). */
  savedNote?: string;
  inputProps?: Record<string, string | number>;
}

/** A labelled input with Save, disabled until the value changed and passes `problem`. */
export function EditField({ label, initial, type = 'text', secret = false, hint, problem, onSave, savedNote, inputProps }: EditFieldProps) {
  const id = useId();
  const [value, setValue] = useState(initial);
  const [saved, setSaved] = useState(false);
  const [shown, setShown] = useState(false);
  const action = useAction();
  const issue = value === initial ? undefined : problem(value);
  const submit = async (event: Event) => {
    event.preventDefault();
    // run() resolves undefined on failure, so the task says success with `true`.
    const done = (await action.run(async () => (await onSave(value), true))) === true;
    setSaved(done);
    if (done && secret) {
      // Back to the initial (empty) value: nothing left on screen, nothing left to save.
      setValue(initial);
      setShown(false);
    }
  };
  return (
    <form class="edit-field" onSubmit={(event) => void submit(event)}>
      <label for={id}>{label}</label>
      <div class="row">
        <input
          id={id}
          type={secret ? (shown ? 'text' : 'password') : type}
          value={value}
          aria-invalid={issue ? true : undefined}
          aria-describedby={`${id}-hint`}
          onInput={(event) => (setValue(event.currentTarget.value), setSaved(false))}
          {...inputProps}
        />
        {secret && (
          <button type="button" aria-controls={id} onClick={() => setShown(!shown)}>
            {shown ? t('popup_passwordHide') : t('popup_passwordShow')}
          </button>
        )}
        <button type="submit" disabled={action.pending || value === initial || issue !== undefined}>
          {t('ui_save')}
        </button>
      </div>
      <p id={`${id}-hint`} class={issue ? 'error small' : 'muted small'}>
        {issue ?? hint}
      </p>
      <ActionError error={action.error} />
      {saved && (
        <p class="ok small" role="status">
          {savedNote ?? t('ui_saved')}
        </p>
      )}
    </form>
  );
}

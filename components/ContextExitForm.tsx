/**
 * The exit of a tab or a container (Firefox): picked with the exit picker, as a route's is; saved, or cleared so that the tab or container follows the
 * rules again. The popup's "Only this tab" and the options' containers section use it.
 */
import { useExitPicker } from './ExitPicker.tsx';
import { ActionError } from './States.tsx';
import type { ChosenExit } from '../lib/background/proxy/routes.ts';
import { useAction } from '../lib/ui/use-action.ts';

export interface ContextExitFormProps {
  /** Makes the fields' ids unique on the page. */
  id: string;
  /** What the form is about, for assistive technology ("Only this tab", a container's name). */
  label: string;
  exit: ChosenExit | null;
  saveLabel: string;
  clearLabel: string;
  onSave(exit: ChosenExit): Promise<unknown>;
  onClear(): Promise<unknown>;
}

export function ContextExitForm({ id, label, exit, saveLabel, clearLabel, onSave, onClear }: ContextExitFormProps) {
  const picker = useExitPicker(`context-${id}`, exit ?? undefined);
  const action = useAction();
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const chosen = picker.exit;
    if (chosen) void action.run(() => onSave(chosen));
  };
  return (
    <form class="route-form" onSubmit={onSubmit} noValidate aria-label={label}>
      <div class="row">{picker.select}</div>
      {picker.details}
      <div class="actions">
        <button type="submit" class="primary" disabled={action.pending || !picker.exit}>
          {saveLabel}
        </button>
        {exit && (
          <button type="button" disabled={action.pending} onClick={() => void action.run(onClear)}>
            {clearLabel}
          </button>
        )}
      </div>
      <ActionError error={action.error} />
    </form>
  );
}

/**
 * A modal confirmation on the native <dialog> (focus kept inside, Escape cancels, the page behind
 * inert). Rendered while `open`; the confirm button shows the work in progress and an error from it
 * stays in the dialog, so the user can retry or cancel.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../lib/shared/i18n.ts';
import { ActionError } from './States.tsx';

export interface ConfirmDialogProps {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  /** Red confirm button, for what cannot be undone. */
  danger?: boolean;
  /** The action; the dialog closes when it resolves and shows the message when it rejects. */
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}

/** Asks before `onConfirm`; mount it to open it, `onClose` unmounts it (cancel, Escape, or done). */
export function ConfirmDialog({ title, children, confirmLabel, danger, onConfirm, onClose }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string }>();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const confirm = () => {
    setBusy(true);
    setError(undefined);
    onConfirm().then(onClose, (failure: unknown) => {
      setBusy(false);
      setError({ message: failure instanceof Error ? failure.message : String(failure) });
    });
  };
  return (
    <dialog ref={dialog} class="confirm" aria-labelledby="confirm-title" onClose={onClose}>
      <h2 id="confirm-title">{title}</h2>
      {children}
      <ActionError error={error} />
      <div class="actions">
        <button type="button" onClick={onClose} disabled={busy}>
          {t('ui_cancel')}
        </button>
        <button type="button" class={danger ? 'danger-solid' : 'primary'} onClick={confirm} disabled={busy} aria-busy={busy}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

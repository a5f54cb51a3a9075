/** A button that copies a text and says so ("Copied") for a moment, to sighted and screen-reader users. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/shared/i18n.ts';

export interface CopyButtonProps {
  /** The text, or a function making it at click time (e.g. a long list). */
  text: string | (() => string);
  /** The button's visible text; also its accessible name unless `label` is given. */
  children: ComponentChildren;
  /** An accessible name when the visible text is not enough ("Copy" beside many rows). */
  label?: string;
  class?: string;
}

/** Copies `text` on click; the label turns to "Copied" (or "Could not copy") for 1.5 s. */
export function CopyButton({ text, children, label, class: className }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = () =>
    navigator.clipboard.writeText(typeof text === 'string' ? text : text()).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  return (
    <button type="button" class={className} aria-label={label} onClick={copy}>
      {state === 'idle' ? children : t(state === 'copied' ? 'ui_copied' : 'ui_copyFailed')}
      <span class="visually-hidden" role="status">
        {state === 'idle' ? '' : t(state === 'copied' ? 'ui_copied' : 'ui_copyFailed')}
      </span>
    </button>
  );
}

/** A labelled search field that applies on Enter or its button, and clears with its own button. */
import { useState } from 'preact/hooks';
import { t } from '../../lib/shared/i18n.ts';

/** `onSearch('')` means "no filter". */
export function SearchBox({ id, label, hint, value, onSearch }: { id: string; label: string; hint?: string; value: string; onSearch(text: string): void }) {
  const [text, setText] = useState(value);
  return (
    <form
      class="row"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(text.trim());
      }}
    >
      <div class="field">
        <label for={id}>{label}</label>
        <input id={id} type="text" spellcheck={false} value={text} aria-describedby={hint ? `${id}-hint` : undefined} onInput={(event) => setText(event.currentTarget.value)} />
        {hint && (
          <p class="hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
      </div>
      <div class="actions">
        <button type="submit">{t('dashboard_search')}</button>
        {value && (
          <button
            type="button"
            onClick={() => {
              setText('');
              onSearch('');
            }}
          >
            {t('dashboard_clearSearch')}
          </button>
        )}
      </div>
    </form>
  );
}

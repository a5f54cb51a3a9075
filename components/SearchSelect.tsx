/**
 * A searchable select (WAI-ARIA combobox with a listbox popup): type to narrow the options, arrows to
 * move, Enter to choose, Escape to close. The first option is always "any" (no choice), so clearing is
 * one pick away. Long lists (every city of a country) are cut at MAX_SHOWN matches: typing narrows.
 */
import { useId, useMemo, useState } from 'preact/hooks';

const MAX_SHOWN = 100;

export interface SelectOption {
  value: string;
  label: string;
}

export interface SearchSelectProps {
  /** The visible label. */
  label: string;
  options: readonly SelectOption[];
  /** The chosen value; undefined for "any". */
  value?: string;
  onChange: (value: string | undefined) => void;
  /** The "no choice" option's text ("Any country"). */
  anyLabel: string;
  disabled?: boolean;
  /** The id of what tells more about the field (a failure to load its options). */
  describedBy?: string;
}

/** The labelled combobox; see the module comment for the keys it answers. */
export function SearchSelect({ label, options, value, onChange, anyLabel, disabled, describedBy }: SearchSelectProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const chosen = options.find((option) => option.value === value);

  const shown = useMemo(() => {
    const text = query.trim().toLowerCase();
    const matches = text ? options.filter((option) => option.label.toLowerCase().includes(text) || option.value.toLowerCase() === text) : options;
    return [{ value: '', label: anyLabel }, ...matches.slice(0, MAX_SHOWN)];
  }, [options, query, anyLabel]);

  const close = () => {
    setOpen(false);
    setQuery('');
  };
  const choose = (option: SelectOption | undefined) => {
    if (option) onChange(option.value || undefined);
    close();
  };
  const show = () => {
    setOpen(true);
    setActive(0);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: shown.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      if (!open) return show();
      setActive(Math.max(0, Math.min(shown.length - 1, moves[event.key]!)));
    } else if (event.key === 'Enter' && open) {
      event.preventDefault();
      choose(shown[active]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      // Escape inside a <dialog> would also close the dialog.
      event.stopPropagation();
      close();
    }
  };

  const listId = `${id}-list`;
  return (
    <div class="search-select">
      <label for={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-describedby={describedBy}
        aria-activedescendant={open ? `${id}-opt-${active}` : undefined}
        autocomplete="off"
        disabled={disabled}
        value={open ? query : (chosen?.label ?? (value || anyLabel))}
        placeholder={chosen?.label ?? anyLabel}
        onFocus={show}
        onClick={() => !open && show()}
        onInput={(event) => {
          setQuery(event.currentTarget.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        // Late enough for a click on an option to land first.
        onBlur={() => setTimeout(close, 150)}
      />
      {open && (
        <ul id={listId} role="listbox" aria-label={label} class="search-select-list">
          {shown.map((option, index) => (
            <li
              key={option.value}
              id={`${id}-opt-${index}`}
              role="option"
              aria-selected={index === active}
              class={option.value === (value ?? '') ? 'chosen' : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(option);
              }}
            >
              {option.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

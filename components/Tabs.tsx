/**
 * Accessible tabs (WAI-ARIA tabs pattern): one tab stop for the tab list, arrow keys and Home/End move
 * between tabs and select them, the selected panel follows. `TabPanel` must be given the same `idBase`.
 */
import type { ComponentChildren } from 'preact';

export interface TabItem<K extends string> {
  id: K;
  label: string;
}

export interface TabListProps<K extends string> {
  tabs: readonly TabItem<K>[];
  selected: K;
  onSelect: (id: K) => void;
  /** Prefix of the tabs' and panels' element ids; unique in the page. */
  idBase: string;
  label: string;
}

/** The row of tabs. */
export function TabList<K extends string>({ tabs, selected, onSelect, idBase, label }: TabListProps<K>) {
  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((tab) => tab.id === selected);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length]!;
    onSelect(tab.id);
    document.getElementById(`${idBase}-tab-${tab.id}`)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} class="tablist" onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={`${idBase}-tab-${tab.id}`}
          aria-selected={tab.id === selected}
          aria-controls={`${idBase}-panel-${tab.id}`}
          tabIndex={tab.id === selected ? 0 : -1}
          onClick={() => onSelect(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

/** The panel of the tab `id`; render only the selected one. */
export function TabPanel({ idBase, id, children, class: className }: { idBase: string; id: string; children: ComponentChildren; class?: string }) {
  return (
    <div role="tabpanel" id={`${idBase}-panel-${id}`} aria-labelledby={`${idBase}-tab-${id}`} class={className}>
      {children}
    </div>
  );
}

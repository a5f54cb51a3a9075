/** A checkbox with its label and hint, and a set of radio buttons under a legend, as every form draws them. */

export function CheckboxChoice({ label, hint, checked, onChange }: { label: string; hint?: string; checked: boolean; onChange(checked: boolean): void }) {
  return (
    <label class="choice">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.currentTarget.checked)} />
      <span>
        {label}
        {hint && (
          <>
            <br />
            <span class="hint">{hint}</span>
          </>
        )}
      </span>
    </label>
  );
}

export interface RadioChoicesProps<V extends string> {
  legend: string;
  /** The radio group's name, unique in the page. */
  name: string;
  choices: readonly { value: V; label: string }[];
  value: V;
  onChange(value: V): void;
}

export function RadioChoices<V extends string>({ legend, name, choices, value, onChange }: RadioChoicesProps<V>) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <label class="choice" key={choice.value}>
          <input type="radio" name={name} value={choice.value} checked={value === choice.value} onChange={() => onChange(choice.value)} />
          <span>{choice.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

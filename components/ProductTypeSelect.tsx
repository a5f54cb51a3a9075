/** A choice among product types, each shown by its name; `anyLabel` adds a first option for every type. */
import { productTypeName } from '../lib/shared/product-names.ts';

interface ProductTypeSelectProps<T extends number> {
  types: readonly T[];
  /** undefined: every type (the `anyLabel` option). */
  value: NoInfer<T> | undefined;
  onChange(type: NoInfer<T> | undefined): void;
  anyLabel?: string;
  /** For a `<label for>` beside it. */
  id?: string;
  /** Without a visible label. */
  'aria-label'?: string;
}

export function ProductTypeSelect<T extends number>({ types, value, onChange, anyLabel, ...labelling }: ProductTypeSelectProps<T>) {
  return (
    <select
      {...labelling}
      value={value === undefined ? '' : String(value)}
      onChange={(event) => {
        const chosen = event.currentTarget.value;
        onChange(types.find((type) => String(type) === chosen));
      }}
    >
      {anyLabel !== undefined && <option value="">{anyLabel}</option>}
      {types.map((type) => (
        <option key={type} value={String(type)}>
          {productTypeName(type)}
        </option>
      ))}
    </select>
  );
}

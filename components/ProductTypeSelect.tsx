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

// Part of the popup's first view (the accounts filter), which has a size budget: kept to the minimum.
export function ProductTypeSelect<T extends number>({ types, value, onChange, anyLabel, ...labelling }: ProductTypeSelectProps<T>) {
  return (
    <select {...labelling} value={value ?? ''} onChange={(event) => onChange(types.find((type) => String(type) === event.currentTarget.value))}>
      {anyLabel && <option value="">{anyLabel}</option>}
      {types.map((type) => (
        <option key={type} value={type}>
          {productTypeName(type)}
        </option>
      ))}
    </select>
  );
}

/**
 * A table's rows turned one by one into a new table with the same names. `Object.entries` forgets which
 * row has which type, so the caller states the result's per-name type.
 */
export function mapRows<Row, Value>(table: Record<string, Row>, make: (row: Row, name: string) => Value): Record<string, Value> {
  return Object.fromEntries(Object.entries(table).map(([name, row]) => [name, make(row, name)]));
}

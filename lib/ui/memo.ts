/**
 * `memo` as preact/compat has it, without compat (whose React shims the pages do not need): the
 * component re-renders only when one of its props changed (compared with ===).
 */
import { Component, h, type FunctionComponent } from 'preact';

export function memo<P extends object>(render: FunctionComponent<P>): FunctionComponent<P> {
  class Memo extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      const current = this.props as Record<string, unknown>;
      const incoming = next as Record<string, unknown>;
      const names = new Set([...Object.keys(current), ...Object.keys(incoming)]);
      for (const name of names) if (current[name] !== incoming[name]) return true;
      return false;
    }
    override render() {
      return h(render, this.props);
    }
  }
  return Memo as unknown as FunctionComponent<P>;
}

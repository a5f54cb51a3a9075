import { describe, expect, it } from 'vitest';
import { customIdOf } from './custom-endpoints.ts';

describe('customIdOf', () => {
  it('names the saved proxy a custom endpoint came from, and nothing for any other', () => {
    expect(customIdOf({ kind: 'custom', id: 'a1', scheme: 'http', host: '10.0.0.1', port: 80 })).toBe('a1');
    expect(customIdOf({ kind: 'custom', scheme: 'http', host: '10.0.0.1', port: 80 })).toBeUndefined();
    expect(customIdOf({ kind: 'extracted', host: '10.0.0.1', port: 80 })).toBeUndefined();
    expect(customIdOf(null)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { parseAccountBatch } from './batch.ts';

describe('parseAccountBatch', () => {
  it('reads one account per line, and comma-separated ones, skipping blanks', () => {
    expect(parseAccountBatch('alice:pw1\r\n\n bob : pw2 ,carol:pw3\n')).toEqual({
      accounts: [
        { username: 'alice', password: 'pw1' },
        { username: 'bob', password: 'pw2' },
        { username: 'carol', password: 'pw3' },
      ],
      problems: [],
    });
  });

  it.each([
    ['alice', { line: 1, kind: 'format', text: 'alice' }],
    ['al ice:pw', { line: 1, kind: 'username', text: 'al ice:pw' }],
    [':pw', { line: 1, kind: 'username', text: ':pw' }],
    ['alice:p-w', { line: 1, kind: 'password', text: 'alice' }],
    ['alice:', { line: 1, kind: 'password', text: 'alice' }],
    ['ok:1\nok:2', { line: 2, kind: 'duplicate', text: 'ok' }],
  ] as const)('%j is refused on its line', (text, problem) => {
    expect(parseAccountBatch(text).problems).toEqual([problem]);
  });

  it('refuses a name the account already has', () => {
    expect(parseAccountBatch('shop1:pw', new Set(['shop1'])).problems).toEqual([{ line: 1, kind: 'duplicate', text: 'shop1' }]);
  });

  it('keeps the good lines beside the bad ones', () => {
    const parsed = parseAccountBatch('good:1\nbad\nalso:2');
    expect(parsed.accounts.map((a) => a.username)).toEqual(['good', 'also']);
    expect(parsed.problems).toHaveLength(1);
  });
});

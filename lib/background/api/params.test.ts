// The document's input rules, checked before anything is sent.
import { describe, expect, it } from 'vitest';
import { z } from '../zod.ts';
import { ApiError } from './api-error.ts';
import { accountName, checkParams, countryCode, credentialBatch, dateTime, extractCount, formatDateTime, limitGb, nameBatch, remark, stickyMinutes } from './params.ts';
import { ALNUM, textColumns } from '../../shared/input-limits.ts';

const passes = (schema: z.ZodMiniType, value: unknown) => schema.safeParse(value).success;

describe('textColumns', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['a b-c_1', 7],
    ['é', 1],
    ['中文', 4],
    ['備註', 4],
    ['日本語かな', 10],
    ['한국어', 6],
    ['ＡＢＣ', 6], // fullwidth Latin
    ['，。', 4], // fullwidth and CJK punctuation
    ['😀', 2],
    ['a😀b', 4],
    ['🤖🌏', 4],
    ['𠀀', 2], // CJK extension B, outside the BMP: one character, not two surrogates
    ['shop 店铺 01', 12],
  ])('%j takes %i columns', (text, columns) => {
    expect(textColumns(text)).toBe(columns);
  });
});

describe('remark: at most 64 columns (32 CJK or 64 Latin characters)', () => {
  it.each([
    ['', true],
    ['a'.repeat(64), true],
    ['a'.repeat(65), false],
    ['中'.repeat(32), true],
    ['中'.repeat(33), false],
    ['中'.repeat(31) + 'ab', true],
    ['中'.repeat(31) + 'abc', false],
    ['😀'.repeat(32), true],
    ['😀'.repeat(32) + 'a', false],
  ])('%j → %s', (text, ok) => {
    expect(passes(remark, text)).toBe(ok);
  });
});

describe('account names and passwords: letters and digits only', () => {
  it.each([
    ['abc123', true],
    ['ABC', true],
    ['0', true],
    ['', false],
    ['a b', false],
    ['a_b', false],
    ['a-b', false],
    ['a:b', false],
    ['a,b', false],
    ['abc\n', false],
    ['äbc', false],
    ['中文', false],
    ['ＡＢＣ', false],
  ])('%j → %s', (value, ok) => {
    expect(ALNUM.test(value)).toBe(ok);
    expect(passes(accountName, value)).toBe(ok);
  });
});

describe('limit: whole GB from 0 (no cap) to 102400', () => {
  it.each([
    [0, true],
    [1, true],
    [102_400, true],
    [-1, false],
    [102_401, false],
    [1.5, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    ['10', false],
  ])('%s → %s', (value, ok) => {
    expect(passes(limitGb, value)).toBe(ok);
  });
});

describe('num: 1 to 500 IPs per extraction', () => {
  it.each([
    [1, true],
    [500, true],
    [0, false],
    [501, false],
    [2.5, false],
    [-3, false],
  ])('%s → %s', (value, ok) => {
    expect(passes(extractCount, value)).toBe(ok);
  });
});

describe('life (sticky minutes) and country codes', () => {
  it.each([[1, true], [1440, true], [0, false], [1441, false]])('life %s → %s', (value, ok) => {
    expect(passes(stickyMinutes, value)).toBe(ok);
  });

  it.each([['US', true], ['us', true], ['USA', false], ['U1', false], ['', false]])('country %j → %s', (value, ok) => {
    expect(passes(countryCode, value)).toBe(ok);
  });
});

describe('dateTime: YYYY-MM-DD HH:mm:ss of a day that exists', () => {
  it.each([
    ['2024-03-01 00:00:00', true],
    ['2024-12-31 23:59:59', true],
    ['2024-02-29 12:00:00', true], // leap year
    ['2000-02-29 12:00:00', true],
    ['2023-02-29 12:00:00', false],
    ['1900-02-29 12:00:00', false],
    ['2024-02-30 00:00:00', false],
    ['2024-04-31 00:00:00', false],
    ['2024-13-01 00:00:00', false],
    ['2024-00-10 00:00:00', false],
    ['2024-01-00 00:00:00', false],
    ['2024-01-01 24:00:00', false],
    ['2024-01-01 23:60:00', false],
    ['2024-01-01 23:59:60', false],
    ['2024-1-01 00:00:00', false],
    ['2024-01-01T00:00:00', false],
    ['2024-01-01 00:00', false],
    ['2024-01-01', false],
    [' 2024-01-01 00:00:00', false],
    ['2024-01-01 00:00:00Z', false],
  ])('%j → %s', (text, ok) => {
    expect(passes(dateTime, text)).toBe(ok);
  });

  it('formats a local time the way it is checked', () => {
    const text = formatDateTime(new Date(2024, 1, 29, 7, 5, 9));
    expect(text).toBe('2024-02-29 07:05:09');
    expect(passes(dateTime, text)).toBe(true);
  });
});

describe('batches', () => {
  it.each([
    [['a1'], true],
    [['a1', 'b2', 'c3'], true],
    [[], false],
    [['a1', 'a1'], false],
    [['a1', 'b2', 'a1'], false],
    [['a1', 'b 2'], false],
  ])('names %j → %s', (names, ok) => {
    expect(passes(nameBatch, names)).toBe(ok);
  });

  it.each([
    [[{ username: 'a1', password: 'p' }, { username: 'b2', password: 'p' }], true],
    [[{ username: 'a1', password: 'p' }, { username: 'a1', password: 'q' }], false],
    [[{ username: 'a1', password: '' }], false],
    [[], false],
  ])('credentials %j → %s', (list, ok) => {
    expect(passes(credentialBatch, list)).toBe(ok);
  });
});

describe('checkParams', () => {
  const schema = z.object({ account: accountName, limitGb });

  it('returns the parsed value', () => {
    expect(checkParams('whitelist-account/change-limit', schema, { account: 'ab1', limitGb: 5 })).toEqual({ account: 'ab1', limitGb: 5 });
  });

  it.each([
    [{ account: 'a b', limitGb: 5 }, 'account'],
    [{ account: 'ab1', limitGb: -5 }, 'limitGb'],
    [{ limitGb: 5 }, 'account'],
    [null, 'params'],
  ])('throws invalid-input naming the field for %j', (input, field) => {
    let thrown: unknown;
    try {
      checkParams('whitelist-account/change-limit', schema, input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({ kind: 'invalid-input', field, endpoint: 'whitelist-account/change-limit', detail: expect.any(String) });
  });
});

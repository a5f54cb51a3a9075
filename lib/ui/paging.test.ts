import { describe, expect, it } from 'vitest';
import { pageCount } from './paging.ts';

describe('pageCount', () => {
  it.each([
    [{ total: 41, shown: 20, page: 1, size: 20 }, 3],
    [{ total: 40, shown: 20, page: 2, size: 20 }, 2],
    [{ total: 0, shown: 0, page: 1, size: 20 }, 1],
    [{ shown: 20, page: 1, size: 20 }, 2],
    [{ shown: 20, page: 4, size: 20 }, 5],
    [{ shown: 7, page: 4, size: 20 }, 4],
  ])('%j → %d', (input, expected) => {
    expect(pageCount(input)).toBe(expected);
  });
});

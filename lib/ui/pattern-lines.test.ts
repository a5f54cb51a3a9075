import { describe, expect, it } from 'vitest';
import { formatPatternLines, parsePatternLines } from './pattern-lines.ts';

describe('routing pattern lines', () => {
  it('reads one pattern per line, without blanks, spaces or comments', () => {
    expect(parsePatternLines('example.com\r\n  *.shop.test  \n\n# work sites\n10.0.0.0/8\n')).toEqual(['example.com', '*.shop.test', '10.0.0.0/8']);
    expect(parsePatternLines('   \n')).toEqual([]);
  });

  it('writes a stored list back as lines that read the same', () => {
    const list = ['localhost', '127.0.0.0/8', '*.local'];
    expect(parsePatternLines(formatPatternLines(list))).toEqual(list);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './markdown.ts';

describe('parseInline', () => {
  it.each([
    ['plain', [{ kind: 'text', text: 'plain' }]],
    ['in `local:apiKey` only', [{ kind: 'text', text: 'in ' }, { kind: 'code', text: 'local:apiKey' }, { kind: 'text', text: ' only' }]],
    ['**Forget key** erases', [{ kind: 'strong', text: 'Forget key' }, { kind: 'text', text: ' erases' }]],
    ['a lone ` stays', [{ kind: 'text', text: 'a lone ` stays' }]],
  ])('%j', (text, inlines) => {
    expect(parseInline(text)).toEqual(inlines);
  });
});

describe('parseMarkdown', () => {
  it('reads headings, paragraphs joined across lines, and lists with indented continuations', () => {
    const blocks = parseMarkdown('# Title\n\nOne\ntwo.\n\n## Part\n- first\n  still first\n- second\nAfter.\n');
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, content: [{ kind: 'text', text: 'Title' }] },
      { kind: 'paragraph', content: [{ kind: 'text', text: 'One two.' }] },
      { kind: 'heading', level: 2, content: [{ kind: 'text', text: 'Part' }] },
      { kind: 'list', items: [[{ kind: 'text', text: 'first still first' }], [{ kind: 'text', text: 'second' }]] },
      { kind: 'paragraph', content: [{ kind: 'text', text: 'After.' }] },
    ]);
  });

  it('keeps every word of PRIVACY.md, which the options page shows through it', () => {
    const source = readFileSync(new URL('../../PRIVACY.md', import.meta.url), 'utf8');
    const words = (text: string) => text.replace(/[`*#-]/g, ' ').split(/\s+/).filter(Boolean);
    const rendered = parseMarkdown(source)
      .flatMap((block) => (block.kind === 'list' ? block.items.flat() : block.content))
      .map((inline) => inline.text)
      .join(' ');
    expect(words(rendered)).toEqual(words(source));
  });
});

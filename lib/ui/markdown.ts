/**
 * The small part of Markdown that PRIVACY.md is written in, parsed into blocks a page renders as
 * elements (never as HTML): `#` headings, paragraphs, `- ` lists (continuation lines indented), and
 * inline `code` and **bold**.
 */

export type Inline = { kind: 'text' | 'code' | 'strong'; text: string };
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; content: Inline[] }
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'list'; items: Inline[][] };

/** `text` split into plain runs, `code` spans and **bold** runs. */
export function parseInline(text: string): Inline[] {
  const inlines: Inline[] = [];
  for (const part of text.split(/(`[^`]+`|\*\*[^*]+\*\*)/)) {
    if (!part) continue;
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) inlines.push({ kind: 'code', text: part.slice(1, -1) });
    else if (part.startsWith('**') && part.endsWith('**') && part.length > 3) inlines.push({ kind: 'strong', text: part.slice(2, -2) });
    else inlines.push({ kind: 'text', text: part });
  }
  return inlines;
}

/** The blocks of `markdown`; blank lines separate paragraphs and lists. */
export function parseMarkdown(markdown: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: string[] | undefined;
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', content: parseInline(paragraph.join(' ')) });
    if (list) blocks.push({ kind: 'list', items: list.map(parseInline) });
    paragraph = [];
    list = undefined;
  };
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1]!.length as 1 | 2 | 3, content: parseInline(heading[2]!.trim()) });
    } else if (line.startsWith('- ')) {
      if (paragraph.length) flush();
      (list ??= []).push(line.slice(2).trim());
    } else if (!line.trim()) {
      flush();
    } else if (list && /^\s+/.test(line)) {
      list[list.length - 1] += ` ${line.trim()}`;
    } else {
      if (list) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

/** Renders parsed Markdown (lib/ui/markdown.ts) as elements; text stays text, nothing is parsed as HTML. */
import type { Block, Inline } from '../lib/ui/markdown.ts';

function Inlines({ content }: { content: Inline[] }) {
  return (
    <>
      {content.map((inline, index) =>
        inline.kind === 'code' ? <code key={index}>{inline.text}</code> : inline.kind === 'strong' ? <strong key={index}>{inline.text}</strong> : inline.text,
      )}
    </>
  );
}

export function Markdown({ blocks }: { blocks: Block[] }) {
  return (
    <>
      {blocks.map((block, index) => {
        if (block.kind === 'list') {
          return (
            <ul key={index}>
              {block.items.map((item, itemIndex) => (
                <li key={itemIndex}>
                  <Inlines content={item} />
                </li>
              ))}
            </ul>
          );
        }
        if (block.kind === 'paragraph') {
          return (
            <p key={index}>
              <Inlines content={block.content} />
            </p>
          );
        }
        const Heading = (['h1', 'h2', 'h3'] as const)[block.level - 1]!;
        return (
          <Heading key={index}>
            <Inlines content={block.content} />
          </Heading>
        );
      })}
    </>
  );
}

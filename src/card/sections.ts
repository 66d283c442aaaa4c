import type { Block } from './markdown.js';

type Heading = Block & { kind: 'heading' };

/** The blocks under the level-2 heading at `start`, up to the next level-1/2 heading. */
function blocksUnder(blocks: Block[], start: number): Block[] {
  const inside: Block[] = [];
  for (let i = start + 1; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    if (b.kind === 'heading' && b.level <= 2) break;
    inside.push(b);
  }
  return inside;
}

/** The blocks under the first level-2 heading matching `name`, up to the next level-1/2 heading. */
export function sectionBlocks(blocks: Block[], name: RegExp): { heading: Heading; blocks: Block[] } | undefined {
  const start = blocks.findIndex((b) => b.kind === 'heading' && b.level === 2 && name.test(b.text));
  const heading = blocks[start];
  if (start < 0 || !heading || heading.kind !== 'heading') return undefined;
  return { heading, blocks: blocksUnder(blocks, start) };
}

/** Every level-2 section whose heading matches `name`, in file order. */
export function allSectionBlocks(blocks: Block[], name: RegExp): { heading: Heading; blocks: Block[] }[] {
  const out: { heading: Heading; blocks: Block[] }[] = [];
  blocks.forEach((b, i) => {
    if (b.kind === 'heading' && b.level === 2 && name.test(b.text))
      out.push({ heading: b, blocks: blocksUnder(blocks, i) });
  });
  return out;
}

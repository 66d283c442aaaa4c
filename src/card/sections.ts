import type { Block } from './markdown.js';

type Heading = Block & { kind: 'heading' };

const levels = new WeakMap<readonly Block[], number>();

/**
 * The heading level of a card's sections: 2 (`## Request`), or the highest level below the title that the card uses,
 * as a card written with only `### Before / ### Call / ### Expect` does.
 */
export function sectionLevel(blocks: readonly Block[]): number {
  let level = levels.get(blocks);
  if (level !== undefined) return level;
  level = 7;
  for (const b of blocks) if (b.kind === 'heading' && b.level >= 2 && b.level < level) level = b.level;
  if (level === 7) level = 2;
  levels.set(blocks, level);
  return level;
}

/** The blocks under the section heading at `start`, up to the next heading of its level or above. */
function blocksUnder(blocks: Block[], start: number, level: number): Block[] {
  const inside: Block[] = [];
  for (let i = start + 1; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    if (b.kind === 'heading' && b.level <= level) break;
    inside.push(b);
  }
  return inside;
}

/** The blocks under the first section heading matching `name`, up to the next heading of its level or above. */
export function sectionBlocks(blocks: Block[], name: RegExp): { heading: Heading; blocks: Block[] } | undefined {
  const level = sectionLevel(blocks);
  const start = blocks.findIndex((b) => b.kind === 'heading' && b.level === level && name.test(b.text));
  const heading = blocks[start];
  if (start < 0 || !heading || heading.kind !== 'heading') return undefined;
  return { heading, blocks: blocksUnder(blocks, start, level) };
}

/** Every section whose heading matches `name`, in file order. */
export function allSectionBlocks(blocks: Block[], name: RegExp): { heading: Heading; blocks: Block[] }[] {
  const out: { heading: Heading; blocks: Block[] }[] = [];
  const level = sectionLevel(blocks);
  blocks.forEach((b, i) => {
    if (b.kind === 'heading' && b.level === level && name.test(b.text))
      out.push({ heading: b, blocks: blocksUnder(blocks, i, level) });
  });
  return out;
}

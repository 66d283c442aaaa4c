import type { Section } from '../core/card.js';
import type { Block } from './markdown.js';

/** Level-1 and level-2 headings become sections; deeper headings stay inside them. */
export function collectSections(blocks: Block[], lastLine: number): Section[] {
  const headings = blocks.filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading' && b.level <= 2);
  return headings.map((h, i) => ({
    heading: h.text,
    level: h.level,
    line: h.line,
    endLine: (headings[i + 1]?.line ?? lastLine + 1) - 1,
  }));
}

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
    if (b.kind === 'heading' && b.level === 2 && name.test(b.text)) out.push({ heading: b, blocks: blocksUnder(blocks, i) });
  });
  return out;
}

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

/** The blocks under the first level-2 heading matching `name`, up to the next level-1/2 heading. */
export function sectionBlocks(blocks: Block[], name: RegExp): { heading: Block & { kind: 'heading' }; blocks: Block[] } | undefined {
  const start = blocks.findIndex((b) => b.kind === 'heading' && b.level === 2 && name.test(b.text));
  const heading = blocks[start];
  if (start < 0 || !heading || heading.kind !== 'heading') return undefined;
  const inside: Block[] = [];
  for (const b of blocks.slice(start + 1)) {
    if (b.kind === 'heading' && b.level <= 2) break;
    inside.push(b);
  }
  return { heading, blocks: inside };
}

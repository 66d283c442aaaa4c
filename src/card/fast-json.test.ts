import fc from 'fast-check';
import { parseTree } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { parseJsonFast } from './fast-json.js';

/** A node without its parent link (cyclic), parents checked separately. */
function plain(node: Node): unknown {
  for (const child of node.children ?? []) expect(child.parent).toBe(node);
  return {
    type: node.type,
    offset: node.offset,
    length: node.length,
    colonOffset: node.colonOffset,
    value: node.value,
    children: node.children?.map(plain),
  };
}

/** JSON text with random whitespace between tokens. */
const spaced = fc
  .tuple(fc.jsonValue(), fc.constantFrom(undefined, 0, 1, 2, '\t', ' \r\n '))
  .map(([v, indent]) => JSON.stringify(v, null, indent as string | number | undefined));
const noisy = fc.tuple(fc.json(), fc.array(fc.constantFrom(' ', '\n', '\t', '\r', ',', ':', '{', '}', '[', ']', '"', '\\', '\u00a0', '0', '-', 'e', 'x'), { maxLength: 3 }), fc.nat())
  .map(([j, extra, at]) => {
    const i = at % (j.length + 1);
    return j.slice(0, i) + extra.join('') + j.slice(i);
  });

describe('parseJsonFast', () => {
  it('builds the value JSON.parse builds and the tree jsonc-parser builds', () => {
    fc.assert(
      fc.property(fc.oneof(spaced, fc.json()), (text) => {
        const fast = parseJsonFast(text, 256);
        if (text.includes('"__proto__"')) return;
        expect(fast, text).toBeDefined();
        expect(fast?.value, text).toStrictEqual(JSON.parse(text));
        const tree = parseTree(text, [], { allowTrailingComma: false, disallowComments: true }) as Node;
        expect(plain(fast?.root as Node), text).toEqual(plain(tree));
        expect(fast?.root.parent).toBeUndefined();
      }),
      { numRuns: 2000, seed: 20260125 },
    );
  });

  it('answers only for text JSON.parse accepts', () => {
    fc.assert(
      fc.property(noisy, (text) => {
        const fast = parseJsonFast(text, 256);
        let strict: { value: unknown } | undefined;
        try {
          strict = { value: JSON.parse(text) };
        } catch {
          strict = undefined;
        }
        if (fast) expect(fast.value, text).toStrictEqual(strict?.value);
        else if (strict && !text.includes('__proto__')) expect.fail(`gave up on valid JSON: ${text}`);
      }),
      { numRuns: 3000, seed: 20260125 },
    );
  });

  it('gives up on __proto__ keys and on nesting deeper than asked', () => {
    expect(parseJsonFast('{"__proto__": {"x": 1}}', 256)).toBeUndefined();
    expect(parseJsonFast('[[[1]]]', 3)).toBeDefined();
    expect(parseJsonFast('[[[[1]]]]', 3)).toBeUndefined();
    expect(parseJsonFast(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, 256)).toBeUndefined();
  });
});

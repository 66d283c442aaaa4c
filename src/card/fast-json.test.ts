import fc from 'fast-check';
import type { Node } from 'jsonc-parser';
import { parseTree } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { parseJsonFast } from './fast-json.js';
import type { JsonLocation } from './json-spans.js';
import { findLocation, spansFromTree } from './json-spans.js';

/** Every value of a jsonc-parser tree with its path and where it (and its key) is written. */
function locations(
  node: Node,
  path: (string | number)[] = [],
  keyOffset = -1,
): { path: (string | number)[]; at: JsonLocation }[] {
  const here = { path, at: { offset: node.offset, length: node.length, keyOffset } };
  const children = node.children ?? [];
  if (node.type === 'object') {
    // findNodeAtLocation finds the first of duplicate keys; later ones cannot be named by a path.
    const seen = new Set<string>();
    return [
      here,
      ...children.flatMap((p) => {
        const key = String(p.children?.[0]?.value);
        if (seen.has(key) || !p.children?.[1]) return [];
        seen.add(key);
        return locations(p.children[1], [...path, key], p.offset);
      }),
    ];
  }
  if (node.type === 'array') return [here, ...children.flatMap((c, i) => locations(c, [...path, i]))];
  return [here];
}

/** JSON text with random whitespace between tokens. */
const spaced = fc
  .tuple(fc.jsonValue(), fc.constantFrom(undefined, 0, 1, 2, '\t', ' \r\n '))
  .map(([v, indent]) => JSON.stringify(v, null, indent as string | number | undefined));
const noisy = fc
  .tuple(
    fc.json(),
    fc.array(
      fc.constantFrom(' ', '\n', '\t', '\r', ',', ':', '{', '}', '[', ']', '"', '\\', '\u00a0', '0', '-', 'e', 'x'),
      { maxLength: 3 },
    ),
    fc.nat(),
  )
  .map(([j, extra, at]) => {
    const i = at % (j.length + 1);
    return j.slice(0, i) + extra.join('') + j.slice(i);
  });

describe('parseJsonFast', () => {
  it("builds the value JSON.parse builds and finds every value where jsonc-parser's tree has it", () => {
    fc.assert(
      fc.property(fc.oneof(spaced, fc.json()), (text) => {
        const fast = parseJsonFast(text, 256);
        if (text.includes('"__proto__"')) return;
        if (!fast) return expect.fail(`gave up on valid JSON: ${text}`);
        expect(fast.value, text).toStrictEqual(JSON.parse(text));
        const tree = parseTree(text, [], { allowTrailingComma: false, disallowComments: true }) as Node;
        expect(fast.spans, text).toEqual(spansFromTree(tree));
        for (const { path, at } of locations(tree))
          expect(findLocation(fast.root, fast.spans, path), `${text} at ${JSON.stringify(path)}`).toEqual(at);
        return undefined;
      }),
      { numRuns: 2000, seed: 20260125 },
    );
  });

  it('finds nothing at a path the value does not have', () => {
    const fast = parseJsonFast('{"a": [1, {"b": 2}], "c": "x"}', 256);
    if (!fast) return expect.fail('valid JSON');
    expect(findLocation(fast.root, fast.spans, ['a', 1, 'b'])).toEqual({ offset: 16, length: 1, keyOffset: 11 });
    for (const path of [['z'], ['a', 2], ['a', 0, 'b'], ['c', 0], ['a', 'b'], [0], ['a', -1], ['a', 0.5]]) {
      expect(findLocation(fast.root, fast.spans, path), JSON.stringify(path)).toBeUndefined();
    }
    return undefined;
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

import type { Node } from 'jsonc-parser';

/**
 * Where the members of one JSON object or array are written in the block's
 * text: what a card needs to point at a value (a request, a key, an
 * assertion) or to list the placeholders inside it, without a syntax tree of
 * one object per value. A parsed card keeps these, so they are small: per
 * container one record and three arrays, however many members it has.
 */
export interface JsonSpans {
  /** Three numbers per member: its key's offset (-1 in an array), its value's offset and the value's length. */
  readonly spans: number[];
  /** The member names of an object, in written order (duplicates included); undefined for an array. */
  readonly keys: string[] | undefined;
  /** The spans of members that are objects or arrays themselves, by member index. */
  readonly kids: (JsonSpans | undefined)[] | undefined;
}

/** One value of a JSON block: where it is written, and where its key is when it is an object member (else -1). */
export interface JsonLocation {
  offset: number;
  length: number;
  keyOffset: number;
}

/**
 * The value at `path` (object keys and array indexes) below the root value at
 * `root`, whose container spans are `spans` (undefined for a scalar root).
 * With duplicate keys the first one written is found, as jsonc-parser's
 * findNodeAtLocation does.
 */
export function findLocation(
  root: JsonLocation,
  spans: JsonSpans | undefined,
  path: readonly (string | number)[],
): JsonLocation | undefined {
  if (path.length === 0) return root;
  let cur = spans;
  for (let p = 0; p < path.length; p++) {
    if (!cur) return undefined;
    const segment = path[p] as string | number;
    let index: number;
    if (typeof segment === 'string') {
      if (!cur.keys) return undefined;
      index = cur.keys.indexOf(segment);
    } else {
      index = cur.keys || !Number.isInteger(segment) ? -1 : segment;
    }
    const at = index * 3;
    if (index < 0 || at >= cur.spans.length) return undefined;
    if (p === path.length - 1)
      return {
        keyOffset: cur.spans[at] as number,
        offset: cur.spans[at + 1] as number,
        length: cur.spans[at + 2] as number,
      };
    cur = cur.kids?.[index];
  }
  return undefined;
}

/** The same spans from a jsonc-parser tree (JSON that the fast reader leaves to jsonc-parser). */
export function spansFromTree(node: Node): JsonSpans | undefined {
  if (node.type !== 'object' && node.type !== 'array') return undefined;
  const spans: number[] = [];
  const keys: string[] | undefined = node.type === 'object' ? [] : undefined;
  let kids: (JsonSpans | undefined)[] | undefined;
  for (const child of node.children ?? []) {
    const member = keys ? child.children?.[1] : child;
    if (!member) continue;
    if (keys) keys.push(String(child.children?.[0]?.value));
    const nested = spansFromTree(member);
    if (nested) {
      kids ??= [];
      kids[spans.length / 3] = nested;
    }
    spans.push(keys ? child.offset : -1, member.offset, member.length);
  }
  return { spans, keys, kids };
}

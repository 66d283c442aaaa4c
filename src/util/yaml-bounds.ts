import type { Alias, Document, Node } from 'yaml';
import { isAlias, isMap, isPair, isSeq } from 'yaml';

/**
 * Aliases may repeat a document's values, not multiply them: a YAML "billion
 * laughs" (`b: [*a, *a, …]`, `c: [*b, *b, …]`) of a few lines expands to
 * millions of values, and `yaml`'s own guard (maxAliasCount) throws an error
 * with no position. Here the expansion is counted first, iteratively, and a
 * document that grows past the bound is refused at the alias that does it;
 * after that, reading it with `maxAliasCount: -1` is safe.
 */
export const MAX_ALIAS_GROWTH = 10_000;
/** Distinct alias nodes a document may hold (each is resolved once). */
const MAX_ALIASES = 1_000;

export interface AliasBomb {
  /** Offset of the alias in the document's text. */
  offset: number;
  message: string;
}

/** The children of a node, without expanding aliases. */
function children(n: unknown): unknown[] {
  if (isMap(n)) return n.items.flatMap((p) => (isPair(p) ? [p.key, p.value] : [p]));
  if (isSeq(n)) return n.items;
  return [];
}

const offsetOf = (n: unknown) => (n as Node | null)?.range?.[0] ?? 0;

/** Why the document's aliases are refused (located), or undefined when they stay within the bound. */
export function aliasBomb(doc: Document): AliasBomb | undefined {
  let literal = 0;
  const aliases: Alias[] = [];
  const todo: unknown[] = [doc.contents];
  while (todo.length) {
    const n = todo.pop();
    literal++;
    if (isAlias(n)) aliases.push(n);
    else todo.push(...children(n));
  }
  if (aliases.length === 0) return undefined;
  if (aliases.length > MAX_ALIASES) {
    const offset = offsetOf(aliases.sort((a, b) => offsetOf(a) - offsetOf(b))[MAX_ALIASES]);
    return { offset, message: `more than ${MAX_ALIASES} aliases (*name) in one document` };
  }
  const target = new Map<Alias, unknown>();
  for (const a of aliases) {
    let node: unknown;
    try {
      node = a.resolve(doc);
    } catch {
      node = undefined;
    }
    if (node === undefined)
      return { offset: offsetOf(a), message: `the alias *${a.source} has no anchor &${a.source} before it` };
    target.set(a, node);
  }
  const resolve = (a: Alias) => target.get(a);
  // Expand, counting values; each entry remembers the alias of the text it came through.
  let expanded = 0;
  const walk: { n: unknown; via?: Alias }[] = [{ n: doc.contents }];
  while (walk.length) {
    const { n, via } = walk.pop() as { n: unknown; via?: Alias };
    if (++expanded > literal + MAX_ALIAS_GROWTH && via)
      return {
        offset: offsetOf(via),
        message: `its aliases (*name) expand to more than ${MAX_ALIAS_GROWTH} values beyond those written (an alias bomb)`,
      };
    if (isAlias(n)) walk.push({ n: resolve(n), via: via ?? n });
    else for (const c of children(n)) walk.push({ n: c, via });
  }
  return undefined;
}

/** A YAML error's first line for a person: yaml reports nesting past its stack as the engine's RangeError. */
export function yamlErrorText(message: string): string {
  const first = message.split('\n')[0] ?? '';
  return /Maximum call stack size exceeded/i.test(first) ? 'it nests deeper than cardcheck reads' : first;
}

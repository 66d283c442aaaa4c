import { RE2JS } from 're2js';

/**
 * `matches` patterns run on RE2 (re2js, a pure-JS port): time linear in the
 * value, whatever the pattern, so a hostile card cannot stall a run (and its
 * signal handlers) with `^(a+)+$`. Lookaround and backreferences, which need
 * backtracking, are outside its syntax: the `unsupported-pattern` lint rule
 * says so at the pattern, before anything is sent.
 */

const compiled = new Map<string, RE2JS | string>();
const CACHE_LIMIT = 500;

/** The pattern compiled, or why RE2 refuses it (its own words, without "error parsing regexp:"). */
export function compileLinear(pattern: string): RE2JS | string {
  const known = compiled.get(pattern);
  if (known !== undefined) return known;
  let out: RE2JS | string;
  try {
    out = RE2JS.compile(pattern);
  } catch (e) {
    out = (e instanceof Error ? e.message : String(e)).replace(/^error parsing regexp:\s*/, '');
  }
  if (compiled.size >= CACHE_LIMIT) compiled.clear();
  compiled.set(pattern, out);
  return out;
}

/**
 * Matching takes time linear in the value times the pattern's program (about
 * 40 ns per instruction per character: `[a-c]{900}d` has 2,706 and spent 10 s
 * on 100 KB, with nothing else running). Past this product a value is not
 * matched, so no match blocks the event loop (and signals) for more than ~1 s.
 */
export const MATCH_BUDGET = 25_000_000;
/** A pattern with more instructions than this is refused by lint (RE2 allows far more). */
export const MAX_INSTRUCTIONS = 2_000;

const instructions = (re: RE2JS): number =>
  (re as unknown as { re2Input: { numberOfInstructions(): number } }).re2Input.numberOfInstructions();

/**
 * Whether `text` holds a match of `pattern` (a search, like RegExp#test);
 * undefined when RE2 refuses the pattern, 'too-long' when matching it against
 * `text` would exceed MATCH_BUDGET.
 */
export function testLinear(pattern: string, text: string): boolean | 'too-long' | undefined {
  const re = compileLinear(pattern);
  if (typeof re === 'string') return undefined;
  if (instructions(re) * Math.max(1, text.length) > MATCH_BUDGET) return 'too-long';
  return re.matcher(text).find();
}

/** Why a pattern cannot be used, in words for a card's author; undefined when it can. */
export function patternProblem(pattern: string): string | undefined {
  const re = compileLinear(pattern);
  if (typeof re !== 'string') {
    const n = instructions(re);
    if (n <= MAX_INSTRUCTIONS) return undefined;
    return `/${pattern.length > 120 ? `${pattern.slice(0, 120)}…` : pattern}/ is too large to match fast (${n} instructions, at most ${MAX_INSTRUCTIONS}): counted repeats such as {900} multiply it`;
  }
  let js = true;
  try {
    new RegExp(pattern);
  } catch {
    js = false;
  }
  const shown = pattern.length > 120 ? `${pattern.slice(0, 120)}…` : pattern;
  const why = re.length > 200 ? `${re.slice(0, 200)}…` : re;
  if (!js) return `/${shown}/ is not a valid regular expression (${why})`;
  return `/${shown}/ uses syntax cardcheck does not run (${why}): patterns are matched in linear time (RE2), without lookaround or backreferences`;
}

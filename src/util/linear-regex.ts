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

/** Whether `text` holds a match of `pattern` (a search, like RegExp#test); undefined when RE2 refuses the pattern. */
export function testLinear(pattern: string, text: string): boolean | undefined {
  const re = compileLinear(pattern);
  return typeof re === 'string' ? undefined : re.matcher(text).find();
}

/** Why a pattern cannot be used, in words for a card's author; undefined when it can. */
export function patternProblem(pattern: string): string | undefined {
  const re = compileLinear(pattern);
  if (typeof re !== 'string') return undefined;
  let js = true;
  try {
    new RegExp(pattern);
  } catch {
    js = false;
  }
  if (!js) return `/${pattern}/ is not a valid regular expression (${re})`;
  return `/${pattern}/ uses syntax cardcheck does not run (${re}): patterns are matched in linear time (RE2), without lookaround or backreferences`;
}

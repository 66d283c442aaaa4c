import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { AuthProfile } from '../core/config.js';
import { decodeSource } from '../core/source.js';
import { readOpenApi } from './openapi.js';
import { profileForHeaders } from './openapi-security.js';
import type { VendorEndpoint } from './vendor-page.js';
import { readVendorPage } from './vendor-page.js';
import { writeCard } from './write-card.js';

export interface DraftOptions {
  cwd: string;
  /** Folder the cards are written to, relative to cwd. */
  out: string;
  /** Replace cards that exist. */
  force?: boolean;
  /** Written as `api:` in each card. */
  api?: string;
  /** When the drafts say they were saved. */
  now: Date;
  /**
   * The config's auth profiles: a vendor page's header parameters, or (with `api`) an OpenAPI security scheme,
   * that one of them sends become that profile.
   */
  profiles?: Record<string, AuthProfile>;
  /** The profiles the config uses for `api`, chosen first. */
  apiProfiles?: readonly string[];
}

/** A value the author must set before the card runs, at its line: an env variable the document gives nothing for, or a TODO. */
export interface DraftNeed {
  line: number;
  /** `set PETSTORE_PASSWORD`, or the TODO text. */
  what: string;
}

/** What became of one file, or of one endpoint it describes, in order. */
export type DraftOutcome =
  | { kind: 'written'; page: string; file: string; endpoint: VendorEndpoint; needs: DraftNeed[] }
  | { kind: 'unreadable'; page: string; reason?: string }
  | { kind: 'unparsable'; page: string; line: number; column: number; message: string }
  | { kind: 'no-endpoint'; page: string }
  | { kind: 'exists'; page: string; file: string };

/** `Issue access token` → `issue-access-token`, `getPetById` → `get-pet-by-id` */
const slug = (title: string) =>
  title
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'endpoint';

/** The endpoints a file describes: every operation of an OpenAPI document, or the one endpoint of a vendor page. */
/** Where a YAML or JSON document stops being one: the position and the parser's words. */
interface Unparsable {
  line: number;
  column: number;
  message: string;
}

/** A YAML or JSON document (JSON.parse first: a 13 MB document such as GitHub's reads in a tenth of the time). */
function parseDocument(text: string): { doc: unknown } | { error: Unparsable } {
  if (/^\s*\{/.test(text))
    try {
      return { doc: JSON.parse(text) };
    } catch {
      // YAML reads JSON too, and says where it breaks.
    }
  try {
    return { doc: parseYaml(text) };
  } catch (err) {
    const pos = (err as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    const first = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
    const message = first.replace(/ at line \d+, column \d+:?$/, '');
    return { error: { line: pos?.line ?? 1, column: pos?.col ?? 1, message } };
  }
}

/** The endpoints a file describes: every operation of an OpenAPI document, or the one endpoint of a vendor page. */
function endpointsOf(text: string, file: string, opts: DraftOptions): VendorEndpoint[] | Unparsable | undefined {
  // A top-level `openapi:` / `swagger:` line, or such a JSON key.
  const looksOpenApi = /^(openapi|swagger)\s*:/m.test(text) || /"(openapi|swagger)"\s*:/.test(text);
  if (/\.(ya?ml|json)$/i.test(file) || looksOpenApi) {
    const parsed = parseDocument(text);
    // A broken OpenAPI document is reported at its error; a page that only looked like one is read as a page.
    if ('error' in parsed) {
      if (looksOpenApi) return parsed.error;
    } else {
      // Only the cards' API says which of the config's profiles an OpenAPI scheme may be.
      const profiles = opts.api ? opts.profiles : undefined;
      const operations = readOpenApi(parsed.doc, { prefix: opts.api, profiles, preferred: opts.apiProfiles });
      if (operations) return operations;
    }
  }
  const page = readVendorPage(text);
  return page ? [page] : undefined;
}

/** The card file for an endpoint: named by its operation id or title, numbered when this import already used the name. */
function fileFor(endpoint: VendorEndpoint, out: string, written: readonly string[]): string {
  const name = slug(endpoint.id ?? endpoint.title);
  const at = (suffix: string) => path.join(out, `${name}${suffix}.md`).split(path.sep).join('/');
  let file = at('');
  for (let n = 2; written.includes(file); n++) file = at(`-${n}`);
  return file;
}

/**
 * What the author must fill in, with its line: each `{{env.NAME}}` of the card
 * that is not a credential (those are set once for the API), and each value
 * that starts with TODO (`cardcheck lint` lists those too, as `todo-value`).
 */
function needsOf(card: string, endpoint: VendorEndpoint): DraftNeed[] {
  const credentials = new Set(endpoint.openapi?.credentials.map((c) => c.name));
  const needs: DraftNeed[] = [];
  card.split('\n').forEach((text, i) => {
    const todo = /"(TODO\b[^"]*)"/.exec(text);
    if (todo) needs.push({ line: i + 1, what: todo[1] as string });
    else
      for (const m of text.matchAll(/\{\{\s*env\.([A-Za-z_]\w*)\s*\}\}/g)) {
        const what = `set ${m[1]} (a value the document does not give)`;
        if (!credentials.has(m[1] as string) && !needs.some((n) => n.what === what)) needs.push({ line: i + 1, what });
      }
  });
  return needs;
}

/** How long reading an OpenAPI document from a URL may take. */
const URL_TIMEOUT_MS = 30_000;

const isUrl = (page: string) => /^https?:\/\//i.test(page);

/** The text of a file, or of an http(s) URL (a served OpenAPI document); why not, when it cannot be read. */
async function readPage(page: string, cwd: string): Promise<{ text: string } | { reason?: string }> {
  try {
    // BOM and CRLF handled as for cards.
    if (!isUrl(page)) return { text: decodeSource(await readFile(path.resolve(cwd, page))).text };
    const res = await fetch(page, {
      signal: AbortSignal.timeout(URL_TIMEOUT_MS),
      headers: { accept: 'application/json, application/yaml;q=0.9, */*;q=0.5' },
    });
    if (!res.ok) return { reason: `the server answered ${res.status}` };
    return { text: decodeSource(new Uint8Array(await res.arrayBuffer())).text };
  } catch (err) {
    if (!isUrl(page)) return {};
    // Not the error's own message: an unparsable URL's repeats it, with any key in its query.
    const e = err as { name?: string; cause?: { code?: string } };
    if (e.name === 'TimeoutError') return { reason: `no answer within ${URL_TIMEOUT_MS / 1000} s` };
    return { reason: e.cause?.code ? `it cannot be reached (${e.cause.code})` : 'it is not a URL that can be fetched' };
  }
}

/** A URL as the outcomes and the cards show it: no user or password, no query (either may hold a key). */
function shownUrl(page: string): string {
  try {
    const u = new URL(page);
    return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return page.replace(/[?#].*$/, '');
  }
}

async function draftPage(source: string, opts: DraftOptions, written: string[]): Promise<DraftOutcome[]> {
  const read = await readPage(source, opts.cwd);
  const page = isUrl(source) ? shownUrl(source) : source;
  if (!('text' in read)) return [{ kind: 'unreadable', page, ...read }];
  const endpoints = endpointsOf(read.text, page, opts);
  if (endpoints && !Array.isArray(endpoints)) return [{ kind: 'unparsable', page, ...endpoints }];
  if (!endpoints?.length) return [{ kind: 'no-endpoint', page }];
  const shownPage = isUrl(page)
    ? page
    : path.relative(opts.cwd, path.resolve(opts.cwd, page)).split(path.sep).join('/');
  const outcomes: DraftOutcome[] = [];
  for (const endpoint of endpoints) {
    const file = fileFor(endpoint, opts.out, written);
    const abs = path.resolve(opts.cwd, file);
    if (existsSync(abs) && !opts.force) {
      outcomes.push({ kind: 'exists', page, file });
      continue;
    }
    await mkdir(path.dirname(abs), { recursive: true });
    const auth = endpoint.openapi
      ? undefined
      : profileForHeaders(endpoint.headers, opts.profiles ?? {}, opts.apiProfiles);
    const card = writeCard(endpoint, shownPage, opts.now.toISOString(), opts.api, auth);
    await writeFile(abs, card);
    outcomes.push({ kind: 'written', page, file, endpoint, needs: needsOf(card, endpoint) });
    written.push(file);
  }
  return outcomes;
}

/**
 * Draft a card from each vendor documentation page, or from each operation of
 * an OpenAPI document, and write them under `out`. A file that cannot be read
 * or names no endpoint, and a card that exists (without `force`), are
 * outcomes, not errors: the other files are still drafted.
 */
export async function draftCards(pages: readonly string[], opts: DraftOptions): Promise<DraftOutcome[]> {
  const written: string[] = [];
  const outcomes: DraftOutcome[] = [];
  for (const page of pages) outcomes.push(...(await draftPage(page, opts, written)));
  return outcomes;
}

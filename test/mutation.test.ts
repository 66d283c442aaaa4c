import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCard } from '../src/card/parse-card.js';
import type { Assertion, Card } from '../src/core/card.js';
import type { Config } from '../src/core/config.js';
import { isJsonObject } from '../src/core/json.js';
import { loadConfig } from '../src/runner/load-project.js';
import { runCards } from '../src/runner/run-cards.js';
import type { Sandbox } from '../src/sandbox/server.js';
import { startSandbox } from '../src/sandbox/server.js';
import { readPath, splitPath } from '../src/util/json-path.js';
import { ROOT } from './support/cli.js';
import type { MutatingProxy, Mutation } from './support/mutating-proxy.js';
import { startMutatingProxy } from './support/mutating-proxy.js';
import { tempDir } from './support/temp-dir.js';

/**
 * Every card that passes is run again behind a proxy that breaks one
 * essential element of its response at a time: the status, each field its
 * schema or example requires, each value an assertion names. A card that
 * still passes checked nothing about what was broken: a vacuous pass.
 */
const VERDICTS = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/cards/dialects/verdicts.json'), 'utf8')) as Record<
  string,
  { verdict: string }
>;
const files = [
  ...['rocketchat', 'vcita', 'youhodler'].flatMap((api) =>
    readdirSync(path.join(ROOT, 'specs', api)).map((f) => `specs/${api}/${f}`),
  ),
  ...Object.keys(VERDICTS).filter((f) => VERDICTS[f]?.verdict === 'passed'),
];

/** Drop, retype or change the value at a dot path of a JSON body (the first match, lists walked as readPath does). */
function atPath(
  json: unknown,
  dotted: string,
  change: (parent: Record<string, unknown>, key: string) => void,
): unknown {
  const copy = structuredClone(json);
  const parts = splitPath(dotted);
  let node: unknown = copy;
  for (const [i, part] of parts.entries()) {
    if (Array.isArray(node))
      node = typeof part === 'number' ? node[part] : node.find((x) => isJsonObject(x) && String(part) in x);
    if (!isJsonObject(node)) return copy;
    if (i === parts.length - 1) change(node as Record<string, unknown>, String(part));
    else node = node[String(part)];
  }
  return copy;
}

const drop = (p: string): Mutation => ({ body: (j) => atPath(j, p, (o, k) => delete o[k]) });
const retype = (p: string): Mutation => ({
  body: (j) => atPath(j, p, (o, k) => (o[k] = typeof o[k] === 'string' ? 12345 : 'mutated by the proxy')),
});
const add = (p: string): Mutation => ({ body: (j) => atPath(j, p, (o, k) => (o[k] = 'added by the proxy')) });

/** A change made to the items of the list at `list` ('' the body): to every item, or to the first only. */
function inItems(list: string, field: string, change: (o: Record<string, unknown>, k: string) => void, all: boolean) {
  return (j: unknown): unknown => {
    const copy = structuredClone(j);
    const items = list ? readPath(copy, list) : copy;
    if (!Array.isArray(items)) return copy;
    for (const i of all ? items.keys() : [0])
      items[i] = field
        ? atPath(items[i], field, change)
        : typeof items[i] === 'string'
          ? 12345
          : 'mutated by the proxy';
    return copy;
  };
}

/**
 * A quantified assertion is broken in every item (every, some) or made true
 * in one (none); a value only the run knows (a placeholder) the proxy cannot write.
 */
function breakEach(a: Assertion, each: NonNullable<Assertion['each']>, field: string): Mutation | undefined {
  const none = each.quantifier === 'none';
  // `body.items has at least 1 item`: broken by emptying the list.
  if (!field && a.op === 'exists' && !none)
    return { body: (j) => (each.path ? atPath(j, each.path, (o, k) => (o[k] = [])) : []) };
  const set = (v: unknown) => (o: Record<string, unknown>, k: string) => (o[k] = v);
  const known = !JSON.stringify(a.value).includes('{{') && !JSON.stringify(a.value).includes('<<');
  let change: ((o: Record<string, unknown>, k: string) => void) | undefined;
  if (a.op === 'exists') change = (a.value === false) === none ? (o, k) => delete o[k] : set('added by the proxy');
  else if ((a.op === 'notEquals') !== none) change = known ? set(a.value) : undefined;
  else if (!none) change = (o, k) => (o[k] = typeof o[k] === 'string' ? 12345 : 'mutated by the proxy');
  return change && { body: inItems(each.path, field, change, !none) };
}

/** The essential elements of a card's expectation, each with the mutation that breaks it. */
function mutationsOf(card: Card): { what: string; mutation: Mutation }[] {
  const out: { what: string; mutation: Mutation }[] = [];
  const expected = card.expect?.status ?? [];
  out.push({ what: 'status', mutation: { status: expected.includes(418) ? 299 : 418 } });
  const schema = card.expect?.schema;
  const required = (s: unknown, at: string): void => {
    if (!isJsonObject(s)) return;
    for (const r of Array.isArray(s.required) ? s.required : [])
      out.push({ what: `drop ${at}${String(r)}`, mutation: drop(`${at}${String(r)}`) });
    if (isJsonObject(s.properties)) for (const [k, v] of Object.entries(s.properties)) if (!at) required(v, `${k}.`);
  };
  required(schema, '');
  if (!schema)
    for (const e of card.examples.filter((x) => expected.length === 0 || expected.includes(x.status)).slice(0, 1))
      if (isJsonObject(e.body))
        for (const k of Object.keys(e.body)) out.push({ what: `drop ${k} (example)`, mutation: drop(k) });
  for (const a of card.expect?.assertions ?? []) {
    if (a.target.kind === 'header') {
      const { name } = a.target;
      const gone = a.op === 'exists' && a.value !== false;
      out.push({
        what: `header ${name}`,
        mutation: { header: name, value: gone ? undefined : 'mutated-by-the-proxy' },
      });
      continue;
    }
    if (a.each) {
      const mutation = breakEach(a, a.each, a.target.path);
      if (mutation) out.push({ what: `break ${a.each.quantifier} ${a.each.path}[].${a.target.path}`, mutation });
      continue;
    }
    if (!a.target.path) continue;
    const p = a.target.path;
    if (a.op === 'notEquals') {
      // Broken by making the value equal; a value only the run knows (a placeholder) the proxy cannot write.
      if (!JSON.stringify(a.value).includes('{{'))
        out.push({ what: `set ${p}`, mutation: { body: (j) => atPath(j, p, (o, k) => (o[k] = a.value)) } });
    } else if (a.op === 'exists')
      out.push({ what: `${a.value === false ? 'add' : 'drop'} ${p}`, mutation: a.value === false ? add(p) : drop(p) });
    else out.push({ what: `change ${p}`, mutation: retype(p) });
  }
  return out;
}

const pathPattern = (path: string) =>
  path
    .split(/(\{\{[^}]*\}\}|<<[^>]*>>)/)
    .map((part, i) => (i % 2 ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');

/**
 * The path of the card's request as the proxy sees it (placeholders match one segment), and how many of the card's
 * create and setup steps send the same route before it: the proxy lets those through.
 */
function routeOf(card: Card, base: string): { method: string; path: RegExp; skip: number } | undefined {
  const req = card.request;
  if (!req) return undefined;
  const path = new RegExp(`^${base}${pathPattern(req.path)}$`);
  const steps = new Set(card.uidFields.flatMap((f) => (f.source.kind === 'create' ? [f.source.create] : [])));
  const skip = [...steps].filter((s) => s.method === req.method && path.test(`${base}${s.path}`)).length;
  return { method: req.method, path, skip };
}

let sandbox: Sandbox;
let proxy: MutatingProxy;
let config: Config;
let ledgerDir: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  proxy = await startMutatingProxy(new URL(sandbox.apis.vcita).origin);
  config = (await loadConfig(ROOT, undefined)).config;
  const apis = Object.fromEntries(
    Object.entries(sandbox.apis).map(([api, url]) => [api, `${proxy.origin}${new URL(url).pathname}`]),
  );
  config.targets.proxied = { name: 'proxied', apis, embedded: false, production: false, line: 0 };
  ledgerDir = await tempDir('cardcheck-ledger-');
});
afterAll(async () => {
  await proxy?.close();
  await sandbox?.close();
});

const runOne = async (file: string) =>
  (
    await runCards({
      cwd: ROOT,
      paths: [file],
      config,
      target: 'proxied',
      env: { ...process.env, ...sandbox.env },
      seed: 1,
      ledgerDir,
      retryPolicy: { maxRetries: 0 },
    })
  ).cards.find((c) => c.file === file);

describe('a response broken in any essential element fails the card that passed against the right one', () => {
  it('catches every break of every passing card (specs/ and the dialects corpus)', async () => {
    const rows: string[] = [];
    const outcomes: Record<string, number> = {};
    let broken = 0;
    for (const file of files) {
      const card = parseCard(readFileSync(path.join(ROOT, file)), file).card;
      proxy.set(undefined);
      const baseline = await runOne(file);
      if (!card || baseline?.outcome !== 'passed') continue;
      const api = baseline.api || 'vcita';
      const route = routeOf(card, new URL(sandbox.apis[api as keyof Sandbox['apis']]).pathname);
      for (const { what, mutation } of mutationsOf(card)) {
        proxy.set(route, mutation);
        const result = await runOne(file);
        const hit = proxy.mutated() > 0;
        broken++;
        outcomes[result?.outcome ?? 'none'] = (outcomes[result?.outcome ?? 'none'] ?? 0) + 1;
        if (!hit || result?.outcome === 'passed')
          rows.push(`${file}: ${what}: ${hit ? 'still passed' : 'never reached the card'}`);
      }
    }
    proxy.set(undefined);
    console.log(`mutation: ${broken} breaks of ${files.length} cards' responses: ${JSON.stringify(outcomes)}`);
    expect(broken).toBeGreaterThan(50);
    expect(rows).toEqual([]);
    // Caught by a check, not by a fixture the break reached first (a create call on the same route).
    expect(outcomes.failed ?? 0).toBeGreaterThan(broken * 0.9);
  }, 120_000);
});

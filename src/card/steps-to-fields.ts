import type { Card, Placeholder, RequestSpec, SetupStep, UidField, UidSource } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { mayCreate } from '../core/request.js';
import type { Rename } from './rename-placeholders.js';
import { renameExpectation, renameRequest } from './rename-placeholders.js';
import type { StepSections } from './step-sections.js';
import { unreadable } from './unreadable.js';

/**
 * Setup steps become UID fields, so the planner, the placeholder checks and the journal treat them as the UID
 * Resolution section's create steps: each saved value is a field (`{{resolved.NAME}}`), a step that saves nothing is
 * one field that holds no value, and every field of one step shares its one request. Teardown requests become the
 * cleanups of the step whose values they use (else of the card's request, else of the last step).
 */
/** `{{account.response.body.$.client_id}}`, as .http files read a named request's response (plan/ reports the unresolved). */
export const NAMED_RESPONSE = /^([A-Za-z_][\w-]*)\.response\.(body|headers)(?:\.\$)?(?:\.(.*))?$/;
const HINT =
  "Put the other undo in the request's own cleanup, or have it use a value a Setup step saves (it then undoes that step).";

type Source = Extract<UidSource, { kind: 'create' }>;

interface Join {
  card: Card;
  file: string;
  diagnostics: Diagnostic[];
  /** Saved names → field names; `$NAME` of the response under test → its path. */
  saved: Map<string, string>;
  fromResponse: Map<string, string>;
  /** Named steps, with the paths their responses are read at. */
  named: Map<string, SetupStep>;
  /** The name of the card's request, whose response teardown requests may read. */
  requestName?: string;
  /** Fields made from each step, in step order. */
  fields: UidField[][];
}

/** What a placeholder refers to, as far as steps care (plan/placeholder-expr.ts classifies all forms; card/ does not import plan/). */
function refOf(expr: string): { ns: 'env' | 'field' | 'response' | 'other'; name: string } {
  const m = /^(env|resolved|app|response)\.(.+)$/.exec(expr);
  const ns = m?.[1];
  if (!m || !ns) return { ns: 'other', name: '' };
  return { ns: ns === 'env' ? 'env' : ns === 'response' ? 'response' : 'field', name: m[2] as string };
}

const stepName = (s: SetupStep) => s.name ?? `setup step at line ${s.line}`;

/** `requestName`: the name the card's request is given (`# @name created`), which teardown requests read its response by. */
export function joinSteps(card: Card, sections: StepSections, diagnostics: Diagnostic[], requestName?: string): void {
  const steps = [...sections.setup, ...sections.teardown];
  if (!steps.length && !cardPlaceholders(card).some((p) => NAMED_RESPONSE.test(p.expr) || isBare(p.expr, p.raw)))
    return;
  const j: Join = {
    card,
    file: card.file,
    diagnostics,
    saved: new Map(),
    // Values of the response under test a teardown uses: `$RESPONSE` in shell, `save:` of a YAML request.
    fromResponse: new Map([...sections.responseValues, ...(card.request?.saves ?? [])].map((v) => [v.name, v.path])),
    named: new Map(sections.setup.filter((s) => s.name).map((s) => [s.name as string, s])),
    requestName,
    fields: [],
  };
  addNamedSaves(j, [...cardPlaceholders(card), ...steps.flatMap((s) => s.request.placeholders)]);
  for (const s of sections.setup) for (const v of s.saves) j.saved.set(v.name, v.name);
  const rename: Rename = (expr, raw) => renamed(j, expr, raw);
  for (const f of card.uidFields) renameField(f, rename);
  for (const s of sections.setup) j.fields.push(fieldsOf(s, renameRequest(s.request, rename)));
  card.uidFields.push(...j.fields.flat());
  if (card.request) card.request = renameRequest(card.request, rename);
  if (card.expect) card.expect = renameExpectation(card.expect, rename);
  for (const t of sections.teardown)
    attachTeardown(
      j,
      renameRequest(t.request, (expr, raw) => renamed(j, expr, raw, true)),
    );
  warnUndone(j, sections.setup);
}

/** `<<NAME>>`: a value a step saved under that name, else the environment's (a bare `{{name}}` stays unresolved, as in seed 001). */
const isBare = (expr: string, raw: string) =>
  raw.startsWith('<<') && /^[A-Za-z_]\w*$/.test(expr) && expr !== 'timestamp' && expr !== 'uuid';
/** Namespaces of the house placeholders, which no step name hides (`app.<field>` is `resolved.<field>` unless a step is named app). */
const NAMESPACES = new Set(['env', 'resolved', 'response', 'card', 'faker', 'pkce']);

/** The placeholders of the card's request, expectation and UID Resolution steps. */
function cardPlaceholders(card: Card): Placeholder[] {
  const out = [...(card.request?.placeholders ?? []), ...(card.expect?.placeholders ?? [])];
  for (const f of card.uidFields) {
    const s = f.source;
    if (s.kind === 'create') out.push(...s.create.placeholders, ...(s.lookup?.placeholders ?? []));
    if (s.kind === 'lookup') out.push(...s.lookup.placeholders);
    if (f.cleanup) out.push(...f.cleanup.placeholders);
  }
  return out;
}

function renameField(f: UidField, rename: Rename): void {
  const s = f.source;
  if (s.kind === 'create')
    f.source = { ...s, create: renameRequest(s.create, rename), lookup: s.lookup && renameRequest(s.lookup, rename) };
  if (s.kind === 'lookup') f.source = { ...s, lookup: renameRequest(s.lookup, rename) };
  if (f.cleanup) f.cleanup = renameRequest(f.cleanup, rename);
}

/** The step and the path in its response body a placeholder reads: `{{account.response.body.$.id}}`, `<<app.data.id>>`. */
function stepRef(j: Join, expr: string): { step: string; path: string } | undefined {
  const m = NAMED_RESPONSE.exec(expr);
  if (m) return m[2] === 'body' && m[3] ? { step: m[1] as string, path: m[3] } : undefined;
  const dot = expr.indexOf('.');
  const step = expr.slice(0, dot);
  if (dot > 0 && j.named.has(step) && !NAMESPACES.has(step)) return { step, path: expr.slice(dot + 1) };
  return undefined;
}

/** Each value read from a named step's response is one it saves, as `<step>.<path>`. */
function addNamedSaves(j: Join, placeholders: Placeholder[]): void {
  for (const p of placeholders) {
    const ref = stepRef(j, p.expr);
    const step = ref && j.named.get(ref.step);
    // Anything else stays as written, and the placeholder check reports it where it is.
    if (!ref || !step) continue;
    const field = `${ref.step}.${ref.path}`;
    if (!step.saves.some((v) => v.name === field))
      step.saves.push({ name: field, path: ref.path, line: p.line, column: p.column });
  }
}

function renamed(j: Join, expr: string, raw: string, teardown = false): string | undefined {
  const ref = stepRef(j, expr);
  if (ref && j.named.has(ref.step)) return `resolved.${ref.step}.${ref.path}`;
  if (ref && teardown && ref.step === j.requestName) return `response.${ref.path}`;
  const { ns, name } = isBare(expr, raw) ? { ns: 'bare', name: expr } : refOf(expr);
  if (ns !== 'env' && ns !== 'bare' && !(ns === 'field' && teardown)) return undefined;
  const field = j.saved.get(name);
  if (field) return ns === 'field' ? undefined : `resolved.${field}`;
  const path = teardown ? j.fromResponse.get(name) : undefined;
  if (path) return `response.${path}`;
  return ns === 'bare' ? `env.${name}` : undefined;
}

function fieldsOf(s: SetupStep, request: RequestSpec): UidField[] {
  const setup = { line: s.line, expectStatus: s.expectStatus };
  const source = (extractFrom: string): Source => ({
    kind: 'create',
    create: request,
    extractFrom,
    fresh: true,
    setup,
  });
  if (!s.saves.length) return [{ name: stepName(s), line: s.line, column: s.column, source: source('') }];
  return s.saves.map((v) => ({ name: v.name, line: v.line, column: v.column, source: source(v.path) }));
}

/** A teardown request undoes what the step whose values it uses made; one using the response, what the request made. */
function attachTeardown(j: Join, t: RequestSpec): void {
  const uses = t.placeholders.map((p) => refOf(p.expr));
  const usesResponse = uses.some((r) => r.ns === 'response');
  const names = new Set(uses.flatMap((r) => (r.ns === 'field' ? [r.name] : [])));
  const step = usesResponse ? -1 : j.fields.findLastIndex((fs) => fs.some((f) => names.has(f.name)));
  const owner = step >= 0 ? step : usesResponse || !j.fields.length ? -1 : j.fields.length - 1;
  if (owner < 0) {
    if (j.card.request && !j.card.request.cleanup) j.card.request = Object.assign({}, j.card.request, { cleanup: t });
    else if (j.card.request) {
      const why = 'the card already has a cleanup of its request; cardcheck runs one';
      j.diagnostics.push(
        unreadable(j.file, t, `this teardown request cannot be run: ${why}`, HINT, 'unreadable-request'),
      );
    }
    return;
  }
  const fields = j.fields[owner] as UidField[];
  const free = fields.find((f) => !f.cleanup);
  if (free) free.cleanup = t;
  else {
    // Every field of the step has its cleanup: one more field of the same step (same request, no value) carries it.
    const first = fields[0] as UidField;
    const extra: UidField = {
      name: `cleanup at line ${t.line}`,
      line: t.line,
      column: t.column,
      source: { ...(first.source as Source), extractFrom: '' },
      cleanup: t,
    };
    fields.push(extra);
    j.card.uidFields.push(extra);
  }
}

/**
 * A POST or PUT setup step that nothing undoes: no teardown uses its values and no later DELETE step does. What it
 * made (if anything) would stay on the target, and no report could name it: a warning at the step.
 */
function warnUndone(j: Join, setup: SetupStep[]): void {
  setup.forEach((s, k) => {
    const { method, path } = s.request;
    const fields = j.fields[k] ?? [];
    if (!mayCreate(s.request) || fields.some((f) => f.cleanup)) return;
    const names = new Set(fields.map((f) => f.name));
    const deletes = (f: UidField) =>
      f.source.kind === 'create' &&
      f.source.create.method === 'DELETE' &&
      f.source.create.placeholders.some((p) => names.has(refOf(p.expr).name));
    if (j.fields.slice(k + 1).some((fs) => fs.some(deletes))) return;
    j.diagnostics.push({
      ruleId: 'setup-without-teardown',
      severity: 'warning',
      file: j.file,
      line: s.line,
      column: s.column,
      message: `this setup step sends ${method} ${path} and nothing undoes it: if it creates something, it stays on the target`,
      hint: 'Add a Teardown request that deletes it, using a value the step saves; a step that creates nothing (a token request) can stay as it is.',
    });
  });
}

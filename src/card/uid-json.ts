import type { BrowserFlow, RequestSpec, UidField, UidSource } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { JsonObject, JsonValue } from '../core/json.js';
import { isJsonObject } from '../core/json.js';
import { didYouMean } from '../util/did-you-mean.js';
import type { ParsedJson } from './json-block.js';
import { parseStep } from './request-spec.js';

export const FIELD_KEYS = [
  'source_endpoint',
  'extract_from',
  'fallback_endpoint',
  'create_fresh',
  'create_endpoint',
  'create_body',
  'create_headers',
  'source_headers',
  'extract',
  'cleanup_endpoint',
  'cleanup_headers',
  'cleanup_note',
  'resource',
  'create',
  'lookup',
  'cleanup',
  'value',
  'from_person',
  'browser',
  'notes',
  'description',
];

/**
 * The JSON block of a UID Resolution section, keyed by field. Each field is one of:
 * - created: `create_endpoint` + `create_body` (seed 000's form) or `create` (a request object);
 *   with `create_fresh: false` it is looked up first (`source_endpoint` / `lookup`) and shared by the run;
 * - looked up: `source_endpoint` or `lookup`;
 * - a literal: `value` (may hold placeholders such as `{{env.X}}`);
 * - produced by a person: `from_person` (a card that needs it is skipped with that reason).
 * `extract_from` is a dot path into the response; `cleanup_endpoint` / `cleanup` undoes a create.
 */
export function parseUidJson(json: ParsedJson, file: string): { fields: UidField[]; diagnostics: Diagnostic[] } {
  const fields: UidField[] = [];
  const diagnostics: Diagnostic[] = [];
  if (!isJsonObject(json.value)) {
    const pos = json.positionOf([]);
    diagnostics.push({
      ruleId: 'invalid-uid-block',
      severity: 'error',
      file,
      ...pos,
      message: 'the UID Resolution JSON block must be an object keyed by field name',
      hint: 'Write { "field": { "create_endpoint": "POST /path", "extract_from": "data.id" } }.',
    });
    return { fields, diagnostics };
  }
  for (const [name, entry] of Object.entries(json.value)) {
    const field = parseUidField(json, name, entry, file, diagnostics);
    if (field) fields.push(...extractedFields(json, field, entry));
  }
  return { fields, diagnostics };
}

/** A problem with field `name`, at its key `key` when it has one, else at the field's name. */
type FieldProblem = (message: string, hint: string, ruleId?: string, key?: string) => Diagnostic;

/** The steps a field's entry names, parsed. */
interface FieldSteps {
  extractFrom: string;
  fresh: boolean;
  create: RequestSpec | undefined;
  lookup: RequestSpec | undefined;
}

/** The entry of UID field `name`, or undefined when it cannot be used; its problems are added to `diagnostics`. */
function parseUidField(
  json: ParsedJson,
  name: string,
  entry: JsonValue,
  file: string,
  diagnostics: Diagnostic[],
): UidField | undefined {
  const at = json.keyPositionOf([name]);
  const problem: FieldProblem = (message, hint, ruleId = 'invalid-uid-block', key) => ({
    ruleId,
    severity: 'error',
    file,
    ...(key && json.find([name, key]) ? json.keyPositionOf([name, key]) : at),
    message,
    hint,
  });
  if (!isJsonObject(entry)) {
    diagnostics.push(
      problem(
        `UID field "${name}" must be an object`,
        'Give the field create_endpoint + extract_from, source_endpoint + extract_from, value, or from_person.',
      ),
    );
    return undefined;
  }
  for (const key of Object.keys(entry)) {
    if (FIELD_KEYS.includes(key)) continue;
    const near = didYouMean(key, FIELD_KEYS);
    diagnostics.push({
      ...problem(
        `UID field "${name}" has an unknown key "${key}"`,
        near ? `Did you mean "${near}"?` : `Known keys: ${FIELD_KEYS.join(', ')}.`,
        'unknown-key',
        key,
      ),
      severity: 'warning',
    });
  }
  const step = (keys: string[], what: string, bodyKey?: string, headersKey?: string) => {
    const key = keys.find((k) => entry[k] !== undefined && entry[k] !== null);
    if (!key) return undefined;
    const at = (k: string | undefined) => (k && entry[k] !== undefined ? [name, k] : undefined);
    const parsed = parseStep(json, [name, key], file, `${what} of "${name}"`, at(bodyKey), at(headersKey));
    diagnostics.push(...parsed.diagnostics);
    return parsed.request;
  };
  const fresh = entry.create_fresh !== false;
  const steps: FieldSteps = {
    // With an `extract` map the entry names a request, and each of the map's keys is a field (extractedFields).
    extractFrom: typeof entry.extract_from === 'string' ? entry.extract_from : isJsonObject(entry.extract) ? '-' : '',
    fresh,
    create: step(
      fresh ? ['create', 'create_endpoint'] : ['create', 'create_endpoint', 'fallback_endpoint'],
      'the create step',
      'create_body',
      'create_headers',
    ),
    lookup: step(['lookup', 'source_endpoint'], 'the lookup step', undefined, 'source_headers'),
  };
  const cleanup = step(['cleanup', 'cleanup_endpoint'], 'the cleanup step', undefined, 'cleanup_headers');
  const source = fieldSource(json, name, entry, steps, problem, diagnostics);
  if (!source) return undefined;
  const notes =
    typeof entry.notes === 'string'
      ? entry.notes
      : typeof entry.description === 'string'
        ? entry.description
        : undefined;
  const cleanupNote = typeof entry.cleanup_note === 'string' ? entry.cleanup_note : undefined;
  // Written out rather than `{ ...base, source }`: that spread gives every field its own hidden class in V8.
  return { name, line: at.line, column: at.column, cleanup, notes, cleanupNote, source };
}

/**
 * Where the field's value comes from: a literal, a person (maybe with a
 * browser flow), a create or a lookup; undefined (and a diagnostic) when the
 * entry says none.
 */
function fieldSource(
  json: ParsedJson,
  name: string,
  entry: JsonObject,
  { extractFrom, fresh, create, lookup }: FieldSteps,
  problem: FieldProblem,
  diagnostics: Diagnostic[],
): UidSource | undefined {
  if (entry.value !== undefined)
    return { kind: 'value', value: entry.value, placeholders: json.placeholders([name, 'value']) };
  if (typeof entry.from_person === 'string' || entry.browser !== undefined) {
    const description =
      typeof entry.from_person === 'string' ? entry.from_person : 'a person signs in and consents in a browser';
    const browser =
      entry.browser === undefined
        ? undefined
        : parseBrowserFlow(json, name, entry.browser, (message, hint) => {
            diagnostics.push(problem(message, hint, 'invalid-uid-block', 'browser'));
          });
    if (browser && !extractFrom)
      diagnostics.push(
        problem(
          `UID field "${name}" has a browser flow but no "extract_from": which query parameter of the redirect holds the value?`,
          'Add "extract_from": "code".',
          'missing-extract',
        ),
      );
    return browser ? { kind: 'external', description, browser, extractFrom } : { kind: 'external', description };
  }
  if (create || lookup) {
    if (!extractFrom)
      diagnostics.push(
        problem(
          `UID field "${name}" says where to get it but not what to take: "extract_from" is missing`,
          'Add "extract_from": "data.id" (a dot path into the response).',
          'missing-extract',
        ),
      );
    const notResource = entry.resource === false ? true : undefined;
    if (create) return { kind: 'create', create, extractFrom, fresh, lookup: fresh ? undefined : lookup, notResource };
    if (lookup) return { kind: 'lookup', lookup, extractFrom };
  }
  diagnostics.push(
    problem(
      `UID field "${name}" has no source: nothing says how to obtain it`,
      'Add create_endpoint (+ create_body), source_endpoint, value, or from_person with a description.',
      'missing-source',
    ),
  );
  return undefined;
}

/**
 * The fields an entry gives: itself, or with `"extract": { "service_id": "data.client_id", … }` one field per key,
 * all read from the entry's one request (the planner sends a request shared by fields once).
 */
function extractedFields(json: ParsedJson, field: UidField, entry: JsonValue): UidField[] {
  const src = field.source;
  if (!isJsonObject(entry) || !isJsonObject(entry.extract) || (src.kind !== 'create' && src.kind !== 'lookup'))
    return [field];
  const out: UidField[] = [];
  for (const [name, path] of Object.entries(entry.extract)) {
    if (typeof path !== 'string') continue;
    const at = json.keyPositionOf([field.name, 'extract', name]);
    out.push(
      Object.assign({}, field, { name, line: at.line, column: at.column, source: { ...src, extractFrom: path } }),
    );
  }
  return out;
}

/** The table declares, the JSON block refines: where both describe a field, the JSON wins. */
export function mergeUidFields(fromTable: UidField[], fromJson: UidField[]): UidField[] {
  const merged = new Map(fromTable.map((f) => [f.name, f]));
  for (const f of fromJson) {
    const t = merged.get(f.name);
    // Object.assign, not `{ ...t, ...f, … }`: same keys in the same order, and V8 keeps one hidden class for them.
    merged.set(
      f.name,
      t
        ? Object.assign({}, t, f, {
            notes: f.notes ?? t.notes,
            cleanupNote: f.cleanupNote ?? (f.cleanup ? undefined : t.cleanupNote),
            cleanup: f.cleanup ?? (f.cleanupNote ? undefined : t.cleanup),
          })
        : f,
    );
  }
  return [...merged.values()];
}

const BROWSER_HINT =
  'Write "browser": { "open": "/oauth/authorize?…", "steps": [ { "fill": "#username", "with": "{{env.USER}}" }, { "click": "#allow" } ], "redirect_uri": "https://example.com/cb" }.';

/** A field's `browser` flow; problems are reported through `problem` and give undefined. */
function parseBrowserFlow(
  json: ParsedJson,
  name: string,
  raw: JsonValue,
  problem: (message: string, hint: string) => void,
): BrowserFlow | undefined {
  const wrong = (message: string): undefined => {
    problem(message, BROWSER_HINT);
    return undefined;
  };
  if (!isJsonObject(raw)) return wrong(`the browser flow of "${name}" must be an object`);
  const open = raw.open;
  const redirectUri = raw.redirect_uri;
  if (typeof open !== 'string' || !/^(\/|https?:\/\/)/.test(open))
    return wrong(`the browser flow of "${name}" needs "open": a path of the API (starting with /) or a URL`);
  if (typeof redirectUri !== 'string' || !redirectUri)
    return wrong(`the browser flow of "${name}" needs "redirect_uri": where the flow ends (the app's redirect URI)`);
  const steps: BrowserFlow['steps'] = [];
  for (const s of Array.isArray(raw.steps) ? raw.steps : []) {
    if (isJsonObject(s) && typeof s.fill === 'string' && typeof s.with === 'string')
      steps.push({ fill: s.fill, with: s.with });
    else if (isJsonObject(s) && typeof s.click === 'string') steps.push({ click: s.click });
    else
      return wrong(
        `each step of the browser flow of "${name}" is { "fill": "<selector>", "with": "<value>" } or { "click": "<selector>" }`,
      );
  }
  if (raw.steps !== undefined && !Array.isArray(raw.steps))
    return wrong(`"steps" of the browser flow of "${name}" must be a list`);
  return {
    open,
    steps,
    redirectUri,
    placeholders: json.placeholders([name, 'browser']),
    ...json.positionOf([name, 'browser']),
  };
}

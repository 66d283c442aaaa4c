import type { Assertion, Expectation } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { JsonObject, JsonValue } from '../core/json.js';
import { isJsonObject } from '../core/json.js';
import { SCHEMA_DIALECTS, schemaDialect } from '../core/schema-dialects.js';
import { didYouMean } from '../util/did-you-mean.js';
import { toPointer } from '../util/json-pointer.js';
import type { ParsedJson } from './json-block.js';

export const EXPECT_KEYS = ['status', 'schema', 'assert', 'maxDurationMs'];
export const OPS: Assertion['op'][] = [
  'equals',
  'notEquals',
  'matches',
  'exists',
  'oneOf',
  'contains',
  'greaterThan',
  'lessThan',
  'type',
];

type Bad = (message: string, hint: string, path?: (string | number)[]) => Diagnostic;

const ASSERTION_HINT =
  'Write { "path": "token_type", "equals": "Bearer" } or { "header": "content-type", "matches": "json" }.';

/**
 * The Expected Response block:
 * `{ "status": 200 | [200, 201], "schema": {…}, "assert": [ { "path": "token_type", "equals": "Bearer" }, { "header": "content-type", "matches": "json" } ], "maxDurationMs": 2000 }`.
 */
export function parseExpectation(json: ParsedJson, file: string): { expect?: Expectation; diagnostics: Diagnostic[] } {
  const at = json.positionOf([]);
  const v = json.value;
  const bad: Bad = (message, hint, path = []) => {
    return { ruleId: 'invalid-expectation', severity: 'error', file, ...json.positionOf(path), message, hint };
  };
  if (!isJsonObject(v))
    return {
      diagnostics: [
        bad(
          'the Expected Response block must be a JSON object',
          'Write { "status": 200, "schema": { "type": "object" } }.',
        ),
      ],
    };
  if (!Object.keys(v).some((k) => EXPECT_KEYS.includes(k)) && looksLikeSchema(v)) return bareSchema(json, v, bad);
  const diagnostics = unknownKeys(v, bad);
  const raw = v.status === undefined ? [] : Array.isArray(v.status) ? v.status : [v.status];
  const broken = checkSettings(v, raw, bad);
  if (broken) {
    diagnostics.push(broken);
    return { diagnostics };
  }
  if (v.maxDurationMs !== undefined && !(typeof v.maxDurationMs === 'number' && v.maxDurationMs > 0)) {
    diagnostics.push(
      bad('"maxDurationMs" must be a positive number of milliseconds', 'Write "maxDurationMs": 2000.', [
        'maxDurationMs',
      ]),
    );
  }
  const assertions = parseAssertions(json, v, bad, diagnostics);
  return {
    expect: {
      status: raw as number[],
      schema: isJsonObject(v.schema) ? v.schema : undefined,
      assertions,
      maxDurationMs: typeof v.maxDurationMs === 'number' ? v.maxDurationMs : undefined,
      placeholders: json.placeholders(['assert']),
      schemaRefs: isJsonObject(v.schema) ? fileRefs(json, v.schema, ['schema']) : undefined,
      statusAt: v.status === undefined ? undefined : json.positionOf(['status']),
      schemaAt: v.schema === undefined ? undefined : json.positionOf(['schema']),
      durationAt: v.maxDurationMs === undefined ? undefined : json.positionOf(['maxDurationMs']),
      ...at,
    },
    diagnostics,
  };
}

/** Keys only a JSON Schema has at its root. */
const SCHEMA_ROOT = ['$schema', 'type', 'properties', 'required', 'items', 'oneOf', 'anyOf', 'allOf', '$ref'];

/** A block with none of the expectation keys that reads as a JSON Schema: authors write the schema on its own. */
function looksLikeSchema(v: JsonObject): boolean {
  return Object.keys(v).some((k) => SCHEMA_ROOT.includes(k));
}

/** A JSON Schema on its own under Expected Response: the body must match it, the status is any 2xx unless said elsewhere. */
function bareSchema(json: ParsedJson, v: JsonObject, bad: Bad): { expect?: Expectation; diagnostics: Diagnostic[] } {
  const unknown = unknownDialect(v, bad, []);
  if (unknown) return { diagnostics: [unknown] };
  return {
    expect: {
      status: [],
      schema: v,
      assertions: [],
      placeholders: [],
      schemaRefs: fileRefs(json, v, []),
      schemaAt: json.positionOf([]),
      ...json.positionOf([]),
    },
    diagnostics: [],
  };
}

/** A `$schema` naming a dialect cardcheck cannot validate with: refused, since nothing would check the body. */
function unknownDialect(schema: JsonObject, bad: Bad, at: (string | number)[]): Diagnostic | undefined {
  if (schemaDialect(schema)) return undefined;
  return {
    ...bad(
      `the schema's "$schema" ${JSON.stringify(schema.$schema)} names a JSON Schema version cardcheck does not validate with, so nothing would check the body`,
      `Use ${Object.values(SCHEMA_DIALECTS)
        .map((uris) => `"${uris[0]}"`)
        .join(', ')}, or drop "$schema" (draft-07).`,
      [...at, '$schema'],
    ),
    ruleId: 'unreadable-expectation',
  };
}

/** An error for each key the block does not know: what it says would not be checked. */
function unknownKeys(v: JsonObject, bad: Bad): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const key of Object.keys(v)) {
    if (EXPECT_KEYS.includes(key)) continue;
    const near = didYouMean(key, EXPECT_KEYS);
    diagnostics.push({
      ...bad(
        `the Expected Response block has a key "${key}" cardcheck does not read, so nothing would check it`,
        near
          ? `Did you mean "${near}"?`
          : `The keys read are ${EXPECT_KEYS.join(', ')}; a JSON Schema may also stand on its own.`,
        [key],
      ),
      ruleId: 'unreadable-expectation',
    });
  }
  return diagnostics;
}

/** The error that makes the block unusable: a status that is not one, or a schema that is not an object. */
function checkSettings(v: JsonObject, raw: JsonValue[], bad: Bad): Diagnostic | undefined {
  if (!raw.every((s) => Number.isInteger(s) && (s as number) >= 100 && (s as number) <= 599))
    return bad(
      '"status" must be an HTTP status code or a list of them',
      'Write "status": 200 or "status": [200, 201].',
      ['status'],
    );
  if (v.schema !== undefined && !isJsonObject(v.schema))
    return bad('"schema" must be a JSON Schema object', 'Write "schema": { "type": "object", "required": ["id"] }.', [
      'schema',
    ]);
  return isJsonObject(v.schema) ? unknownDialect(v.schema, bad, ['schema']) : undefined;
}

/** The `assert` list (or single assertion); each one that is wrong becomes a diagnostic instead. */
function parseAssertions(json: ParsedJson, v: JsonObject, bad: Bad, diagnostics: Diagnostic[]): Assertion[] {
  const assertions: Assertion[] = [];
  const list: JsonValue[] = Array.isArray(v.assert) ? v.assert : v.assert === undefined ? [] : [v.assert];
  for (let i = 0; i < list.length; i++) {
    const pos = json.positionOf(Array.isArray(v.assert) ? ['assert', i] : ['assert']);
    const parsed = parseAssertion(list[i] as JsonValue, bad);
    if ('message' in parsed) diagnostics.push({ ...parsed, ...pos });
    // Written out: a card keeps its assertions, and `{ ...parsed, ...pos }` made each one larger (~180 bytes a card in bench:parse).
    else assertions.push({ target: parsed.target, op: parsed.op, value: parsed.value, ...pos });
  }
  return assertions;
}

/** One assertion, without its position, or what is wrong with it. */
function parseAssertion(a: JsonValue, bad: Bad): Omit<Assertion, 'line' | 'column'> | Diagnostic {
  if (!isJsonObject(a)) return bad('each assertion must be an object', ASSERTION_HINT);
  const target =
    typeof a.path === 'string'
      ? { kind: 'body' as const, path: a.path }
      : typeof a.header === 'string'
        ? { kind: 'header' as const, name: a.header.toLowerCase() }
        : undefined;
  const op = OPS.find((o) => o in a);
  if (!target) return bad('an assertion needs "path" (into the JSON body) or "header"', ASSERTION_HINT);
  if (!op) {
    const other = Object.keys(a).find((k) => k !== 'path' && k !== 'header');
    const near = other ? didYouMean(other, OPS) : undefined;
    return bad(`an assertion needs one of ${OPS.join(', ')}`, near ? `Did you mean "${near}"?` : ASSERTION_HINT);
  }
  const value = a[op] as JsonValue;
  if (op === 'matches' && typeof value === 'string') {
    try {
      new RegExp(value);
    } catch {
      return bad(
        `"${value}" is not a valid regular expression`,
        'Fix the pattern; backslashes must be doubled in JSON.',
      );
    }
  }
  return { target, op, value };
}

/** The `$ref`s to files (not `#/…` within the schema) in a schema block, each located at its `"$ref"` key. */
function fileRefs(json: ParsedJson, schema: JsonValue, at: (string | number)[]): Expectation['schemaRefs'] {
  let out: NonNullable<Expectation['schemaRefs']> | undefined;
  // One path, pushed and popped as the walk goes: most schemas have no $ref and cost no copies.
  const path: (string | number)[] = [...at];
  const walk = (v: JsonValue): void => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i] as JsonValue);
        path.pop();
      }
    } else if (isJsonObject(v)) {
      if (typeof v.$ref === 'string' && !v.$ref.startsWith('#')) {
        out ??= [];
        out.push({ pointer: toPointer(path.slice(at.length)), ...json.keyPositionOf([...path, '$ref']) });
      }
      for (const k in v) {
        path.push(k);
        walk(v[k] as JsonValue);
        path.pop();
      }
    }
  };
  walk(schema);
  return out;
}

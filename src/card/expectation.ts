import type { Assertion, Expectation } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { JsonValue } from '../core/json.js';
import { isJsonObject } from '../core/json.js';
import { didYouMean } from '../util/did-you-mean.js';
import { toPointer } from '../util/json-pointer.js';
import type { ParsedJson } from './json-block.js';

const EXPECT_KEYS = ['status', 'schema', 'assert', 'maxDurationMs'];
const OPS: Assertion['op'][] = [
  'equals',
  'notEquals',
  'matches',
  'exists',
  'oneOf',
  'contains',
  'greaterThan',
  'lessThan',
];

/**
 * The Expected Response block:
 * `{ "status": 200 | [200, 201], "schema": {…}, "assert": [ { "path": "token_type", "equals": "Bearer" }, { "header": "content-type", "matches": "json" } ], "maxDurationMs": 2000 }`.
 */
export function parseExpectation(json: ParsedJson, file: string): { expect?: Expectation; diagnostics: Diagnostic[] } {
  const at = json.positionOf([]);
  const v = json.value;
  const diagnostics: Diagnostic[] = [];
  const bad = (message: string, hint: string, path: (string | number)[] = []): Diagnostic => {
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
  for (const key of Object.keys(v)) {
    if (EXPECT_KEYS.includes(key)) continue;
    const near = didYouMean(key, EXPECT_KEYS);
    diagnostics.push({
      ...bad(
        `the Expected Response block has an unknown key "${key}"`,
        near ? `Did you mean "${near}"?` : `Known keys: ${EXPECT_KEYS.join(', ')}.`,
        [key],
      ),
      ruleId: 'unknown-key',
      severity: 'warning',
    });
  }
  const raw = v.status === undefined ? [] : Array.isArray(v.status) ? v.status : [v.status];
  if (!raw.every((s) => Number.isInteger(s) && (s as number) >= 100 && (s as number) <= 599)) {
    diagnostics.push(
      bad('"status" must be an HTTP status code or a list of them', 'Write "status": 200 or "status": [200, 201].', [
        'status',
      ]),
    );
    return { diagnostics };
  }
  if (v.schema !== undefined && !isJsonObject(v.schema)) {
    diagnostics.push(
      bad('"schema" must be a JSON Schema object', 'Write "schema": { "type": "object", "required": ["id"] }.', [
        'schema',
      ]),
    );
    return { diagnostics };
  }
  if (v.maxDurationMs !== undefined && !(typeof v.maxDurationMs === 'number' && v.maxDurationMs > 0)) {
    diagnostics.push(
      bad('"maxDurationMs" must be a positive number of milliseconds', 'Write "maxDurationMs": 2000.', [
        'maxDurationMs',
      ]),
    );
  }
  const assertions: Assertion[] = [];
  const list: JsonValue[] = Array.isArray(v.assert) ? v.assert : v.assert === undefined ? [] : [v.assert];
  list.forEach((a, i) => {
    const pos = json.positionOf(Array.isArray(v.assert) ? ['assert', i] : ['assert']);
    const hint =
      'Write { "path": "token_type", "equals": "Bearer" } or { "header": "content-type", "matches": "json" }.';
    if (!isJsonObject(a)) return diagnostics.push({ ...bad('each assertion must be an object', hint), ...pos });
    const target =
      typeof a.path === 'string'
        ? { kind: 'body' as const, path: a.path }
        : typeof a.header === 'string'
          ? { kind: 'header' as const, name: a.header.toLowerCase() }
          : undefined;
    const op = OPS.find((o) => o in a);
    if (!target)
      return diagnostics.push({ ...bad('an assertion needs "path" (into the JSON body) or "header"', hint), ...pos });
    if (!op) {
      const other = Object.keys(a).find((k) => k !== 'path' && k !== 'header');
      const near = other ? didYouMean(other, OPS) : undefined;
      return diagnostics.push({
        ...bad(`an assertion needs one of ${OPS.join(', ')}`, near ? `Did you mean "${near}"?` : hint),
        ...pos,
      });
    }
    const value = a[op] as JsonValue;
    if (op === 'matches' && typeof value === 'string') {
      try {
        new RegExp(value);
      } catch {
        return diagnostics.push({
          ...bad(
            `"${value}" is not a valid regular expression`,
            'Fix the pattern; backslashes must be doubled in JSON.',
          ),
          ...pos,
        });
      }
    }
    assertions.push({ target, op, value, ...pos });
    return undefined;
  });
  return {
    expect: {
      status: raw as number[],
      schema: isJsonObject(v.schema) ? v.schema : undefined,
      assertions,
      maxDurationMs: typeof v.maxDurationMs === 'number' ? v.maxDurationMs : undefined,
      placeholders: json.placeholders(['assert']),
      schemaRefs: isJsonObject(v.schema) ? fileRefs(json, v.schema) : undefined,
      ...at,
    },
    diagnostics,
  };
}

/** The `$ref`s to files (not `#/…` within the schema) in a schema block, each located at its `"$ref"` key. */
function fileRefs(json: ParsedJson, schema: JsonValue): Expectation['schemaRefs'] {
  let out: NonNullable<Expectation['schemaRefs']> | undefined;
  // One path, pushed and popped as the walk goes: most schemas have no $ref and cost no copies.
  const path: (string | number)[] = ['schema'];
  const walk = (v: JsonValue): void => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i] as JsonValue);
        path.pop();
      }
    } else if (isJsonObject(v)) {
      if (typeof v.$ref === 'string' && !v.$ref.startsWith('#')) {
        (out ??= []).push({ pointer: toPointer(path.slice(1)), ...json.keyPositionOf([...path, '$ref']) });
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

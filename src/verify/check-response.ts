import type { Expectation, ResponseExample } from '../core/card.js';
import type { SourcePos } from '../core/diagnostic.js';
import type { ObservedResponse } from '../core/response.js';
import type { CheckResult } from '../core/result.js';
import { checkAssertion } from './assertions.js';
import { schemaFromExample } from './example-schema.js';
import { validateSchema } from './schema.js';

/**
 * Schemas derived from a card's examples, per status, made when a response of
 * that status is first checked (parsing and linting never need them) and kept
 * so the schema validator compiles each once.
 */
const exampleSchemas = new WeakMap<readonly ResponseExample[], Map<number, object | undefined>>();

/**
 * The start of a body, on one line: enough to see why a status was not the
 * one expected. Give it redacted text: cut first, a secret across the cut
 * would no longer be recognised and half of it would show.
 */
const EXCERPT = 200;
export function bodyExcerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty)';
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}… (${flat.length - EXCERPT} more characters)` : flat;
}

/** Where a check's expectation is written, spread into the check; nothing when unknown. */
const at = (pos: SourcePos | undefined) => (pos ? { line: pos.line, column: pos.column } : {});

/** The schema a response of this status must match: the card's own, else the status's examples. */
function schemaFor(
  expect: Expectation | undefined,
  examples: readonly ResponseExample[],
  status: number,
): object | undefined {
  if (expect?.schema) return expect.schema;
  let byStatus = exampleSchemas.get(examples);
  if (!byStatus) {
    byStatus = new Map();
    exampleSchemas.set(examples, byStatus);
  }
  if (!byStatus.has(status)) {
    const matching = examples.filter((e) => e.status === status).map((e) => schemaFromExample(e.body));
    byStatus.set(status, matching.length === 0 ? undefined : matching.length === 1 ? matching[0] : { anyOf: matching });
  }
  return byStatus.get(status);
}

/** The status check; a failed one carries the start of the body, to see why. */
function statusCheck(expect: Expectation | undefined, res: ObservedResponse): CheckResult {
  const statuses = expect?.status ?? [];
  const ok = statuses.length ? statuses.includes(res.status) : res.status >= 200 && res.status < 300;
  const expected = statuses.length ? statuses.join(' or ') : '2xx';
  return {
    kind: 'status',
    passed: ok,
    expected,
    actual: String(res.status),
    message: ok ? `status ${res.status}` : `expected status ${expected}, got ${res.status}`,
    ...at(expect?.statusAt),
  };
}

/** The body against the schema: one passed check, or one per violation, or a body that is not JSON. */
function schemaChecks(
  schema: object,
  where: SourcePos | undefined,
  res: ObservedResponse,
  own: boolean,
): CheckResult[] {
  if (res.json === undefined) {
    const what =
      res.text.trim() === ''
        ? 'an empty body'
        : `a ${res.contentType.split(';')[0] || 'body without Content-Type'} body`;
    const message = `expected a JSON body matching the schema, got ${what}`;
    return [{ kind: 'body', passed: false, expected: 'a JSON body', actual: what, message, ...at(where) }];
  }
  const violations = validateSchema(schema, res.json);
  if (violations.length === 0) {
    const fine = 'matches schema';
    return [
      { kind: 'schema', passed: true, expected: fine, actual: fine, message: 'body matches the schema', ...at(where) },
    ];
  }
  return violations.map((v) => ({
    kind: 'schema' as const,
    passed: false,
    path: v.path,
    expected: v.expected,
    actual: v.actual,
    message: v.message,
    ...at(where),
    // Only the card's own schema is written in the card; one made from an example is not.
    ...(own ? { schemaPath: v.schemaPath } : {}),
  }));
}

/** The response time against the card's ceiling. */
function durationCheck(expect: Expectation, max: number, res: ObservedResponse): CheckResult {
  const ms = Math.round(res.durationMs);
  const ok = ms <= max;
  return {
    kind: 'duration',
    passed: ok,
    expected: `≤ ${max} ms`,
    actual: `${ms} ms`,
    message: ok ? `answered in ${ms} ms` : `answered in ${ms} ms, over the ${max} ms ceiling`,
    ...at(expect.durationAt),
  };
}

/** Compare a response with what the card expects. Returns every check, passed or not. */
export function checkResponse(
  expect: Expectation | undefined,
  examples: ResponseExample[],
  res: ObservedResponse,
): CheckResult[] {
  const status = statusCheck(expect, res);
  if (!status.passed) return [status];
  const checks = [status];
  const schema = schemaFor(expect, examples, res.status);
  // The card's own schema, else the first example of this status the schema was made from.
  const schemaAt = expect?.schema ? expect.schemaAt : examples.find((e) => e.status === res.status);
  if (schema) checks.push(...schemaChecks(schema, schemaAt, res, Boolean(expect?.schema)));
  for (const a of expect?.assertions ?? []) checks.push(checkAssertion(a, res));
  if (expect?.maxDurationMs !== undefined) checks.push(durationCheck(expect, expect.maxDurationMs, res));
  const documented = statusOnly(checks, examples, res.status);
  if (documented) checks.push(documented);
  return checks;
}

/**
 * A pass that checked only the status of a card that documents response
 * bodies (examples for other statuses) says so: the card reads as if it
 * checked a body. Not a failure, a warning every reporter shows.
 */
function statusOnly(
  checks: CheckResult[],
  examples: readonly ResponseExample[],
  status: number,
): CheckResult | undefined {
  if (examples.length === 0 || !checks.every((c) => c.kind === 'status' && c.passed)) return undefined;
  const statuses = [...new Set(examples.map((e) => e.status))].join(', ');
  return {
    kind: 'body',
    passed: true,
    warning: true,
    expected: `a check of the ${status} body`,
    actual: 'status only',
    message: `status only: the card documents response bodies (examples for ${statuses}) but none for ${status}, so only the status was checked`,
  };
}

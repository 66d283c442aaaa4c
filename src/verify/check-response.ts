import type { Expectation } from '../core/card.js';
import type { CheckResult } from '../core/result.js';
import { validateSchema } from './schema.js';

export interface ObservedResponse {
  status: number;
  contentType: string;
  json?: unknown;
  text: string;
}

/** Compare a response with what the card expects. Returns every check, passed or not. */
export function checkResponse(expect: Expectation | undefined, res: ObservedResponse): CheckResult[] {
  const checks: CheckResult[] = [];
  const statuses = expect?.status ?? [];
  const statusOk = statuses.length ? statuses.includes(res.status) : res.status >= 200 && res.status < 300;
  const expectedStatus = statuses.length ? statuses.join(' or ') : '2xx';
  checks.push({
    kind: 'status',
    passed: statusOk,
    expected: expectedStatus,
    actual: String(res.status),
    message: statusOk ? `status ${res.status}` : `expected status ${expectedStatus}, got ${res.status}`,
  });
  const schema = expect?.schema;
  if (!schema) return checks;
  if (res.json === undefined) {
    const what = res.text.trim() === '' ? 'an empty body' : `a ${res.contentType || 'body without Content-Type'} body`;
    checks.push({ kind: 'body', passed: false, expected: 'a JSON body', actual: what, message: `expected a JSON body matching the schema, got ${what}` });
    return checks;
  }
  const violations = validateSchema(schema, res.json);
  if (violations.length === 0) {
    checks.push({ kind: 'schema', passed: true, expected: 'matches schema', actual: 'matches schema', message: 'body matches the schema' });
  }
  for (const v of violations) checks.push({ kind: 'schema', passed: false, path: v.path, expected: v.expected, actual: v.actual, message: v.message });
  return checks;
}

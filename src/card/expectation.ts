import type { Expectation } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { isJsonObject } from '../core/json.js';
import type { ParsedJson } from './json-block.js';

/** The Expected Response block: `{ "status": 200 | [200, 201], "schema": { …JSON Schema… } }`. */
export function parseExpectation(json: ParsedJson, file: string): { expect?: Expectation; diagnostics: Diagnostic[] } {
  const at = json.positionOf(json.root);
  const v = json.value;
  const bad = (message: string): { diagnostics: Diagnostic[] } => ({
    diagnostics: [{ ruleId: 'invalid-expectation', severity: 'error', file, ...at, message, hint: 'Write { "status": 200, "schema": { "type": "object" } }.' }],
  });
  if (!isJsonObject(v)) return bad('the Expected Response block must be a JSON object');
  const raw = v.status === undefined ? [] : Array.isArray(v.status) ? v.status : [v.status];
  if (!raw.every((s) => Number.isInteger(s) && (s as number) >= 100 && (s as number) <= 599)) return bad('"status" must be an HTTP status code or a list of them');
  if (v.schema !== undefined && !isJsonObject(v.schema)) return bad('"schema" must be a JSON Schema object');
  return { expect: { status: raw as number[], schema: isJsonObject(v.schema) ? v.schema : undefined, ...at }, diagnostics: [] };
}

import { findNodeAtLocation } from 'jsonc-parser';
import type { RequestTemplate, StepRequest } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { isJsonObject } from '../core/json.js';
import type { JsonValue } from '../core/json.js';
import type { ParsedJson } from './json-block.js';
import { HTTP_METHODS, parseEndpointRef } from './endpoint-ref.js';

function stringRecord(v: JsonValue | undefined): Record<string, string> {
  if (!isJsonObject(v)) return {};
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? x : JSON.stringify(x)]));
}

/** The Request Template block: `{ method, path, headers?, query?, body?, cleanup? }`. */
export function parseRequestTemplate(json: ParsedJson, file: string): { request?: RequestTemplate; diagnostics: Diagnostic[] } {
  const at = json.positionOf(json.root);
  const v = json.value;
  const problem = (message: string, hint: string, pos = at): Diagnostic => ({ ruleId: 'invalid-request-template', severity: 'error', file, ...pos, message, hint });
  if (!isJsonObject(v)) return { diagnostics: [problem('the Request Template must be a JSON object', 'Write { "method": "POST", "path": "/path", "body": { … } }.')] };
  const method = typeof v.method === 'string' ? v.method.toUpperCase() : '';
  if (!(HTTP_METHODS as readonly string[]).includes(method)) {
    return { diagnostics: [problem(v.method === undefined ? 'the Request Template has no "method"' : `"${String(v.method)}" is not an HTTP method`, `Use one of ${HTTP_METHODS.join(', ')}.`)] };
  }
  if (typeof v.path !== 'string' || !v.path.startsWith('/')) {
    return { diagnostics: [{ ...problem('the Request Template has no "path" starting with /', 'Add "path": "/the/endpoint/path".'), ruleId: 'missing-path' }] };
  }
  const diagnostics: Diagnostic[] = [];
  let cleanup: StepRequest | undefined;
  if (typeof v.cleanup === 'string') {
    const node = findNodeAtLocation(json.root, ['cleanup']);
    const pos = node ? json.positionOf(node) : at;
    const endpoint = parseEndpointRef(v.cleanup, pos.line, pos.column);
    if (endpoint) cleanup = { endpoint, placeholders: node ? json.placeholders(node) : [], ...pos };
    else diagnostics.push(problem(`cleanup is "${v.cleanup}", not METHOD /path`, 'Write e.g. "DELETE /platform/v1/apps/{{response.data.client_id}}".', pos));
  }
  const requestPlaceholders = json.placeholders().filter((p) => !cleanup || !cleanup.placeholders.some((c) => c.line === p.line && c.column === p.column));
  return {
    request: {
      method,
      path: v.path,
      headers: stringRecord(v.headers),
      query: stringRecord(v.query),
      body: v.body,
      cleanup,
      placeholders: requestPlaceholders,
      ...at,
    },
    diagnostics,
  };
}

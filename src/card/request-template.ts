import type { RequestTemplate } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { ParsedJson } from './json-block.js';
import { parseRequestObject, parseStep } from './request-spec.js';

/** The Request Template block: a request object plus an optional `cleanup` step. */
export function parseRequestTemplate(
  json: ParsedJson,
  file: string,
): { request?: RequestTemplate; diagnostics: Diagnostic[] } {
  const main = parseRequestObject(json, [], file, 'the Request Template', ['cleanup']);
  if (!main.request) return { diagnostics: main.diagnostics };
  const cleanup = parseStep(json, ['cleanup'], file, 'the request\'s "cleanup"');
  // Object.assign rather than `{ ...main.request, cleanup }`, which gives every template its own hidden class in V8.
  const request: RequestTemplate = Object.assign({}, main.request, { cleanup: cleanup.request });
  return { request, diagnostics: [...main.diagnostics, ...cleanup.diagnostics] };
}

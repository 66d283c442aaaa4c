import type { RequestTemplate } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { isJsonObject } from '../core/json.js';
import type { ParsedJson } from './json-block.js';
import { parseRequestObject, parseStep } from './request-spec.js';

/** The Request Template block: a request object plus an optional `cleanup` step. */
export function parseRequestTemplate(
  json: ParsedJson,
  file: string,
): { request?: RequestTemplate; diagnostics: Diagnostic[] } {
  const main = parseRequestObject(json, [], file, 'the Request Template', ['cleanup', 'cleanup_note']);
  if (!main.request) return { diagnostics: main.diagnostics };
  const cleanup = parseStep(json, ['cleanup'], file, 'the request\'s "cleanup"');
  const v = isJsonObject(json.value) ? json.value : {};
  const note = typeof v.cleanup_note === 'string' ? v.cleanup_note : undefined;
  const noCleanup = v.cleanup === null ? (note ?? 'the card says the request makes nothing to undo') : note;
  // Object.assign rather than `{ ...main.request, cleanup }`, which gives every template its own hidden class in V8.
  const request: RequestTemplate = Object.assign({}, main.request, { cleanup: cleanup.request, noCleanup });
  return { request, diagnostics: [...main.diagnostics, ...cleanup.diagnostics] };
}

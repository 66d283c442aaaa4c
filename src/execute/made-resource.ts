import type { RequestTemplate } from '../core/card.js';
import { isTokenRequest, mayCreate } from '../core/request.js';
import type { ObservedResponse } from '../core/response.js';
import { readPath } from '../util/json-path.js';
import { is2xx } from './sender.js';

/**
 * Whether a response shows that its request made something, whatever the status it was judged by: a 201, a
 * `Location` header, or (for a create step) the field the card extracts from it. A server may create a resource and
 * then answer 400 or 500; such a resource must still be cleaned up, or listed.
 */
export function showsResource(res: ObservedResponse, extractPaths: readonly string[] = []): string | undefined {
  if (res.status === 201) return 'it answered 201 Created';
  if (res.headers.location) return `it answered ${res.status} with Location: ${res.headers.location}`;
  const found = extractPaths.find((p) => p && readPath(res.json, p) !== undefined);
  if (found && !is2xx(res.status)) return `it answered ${res.status} with "${found}" in the body`;
  return undefined;
}

/**
 * Why a request with no declared cleanup may have left something behind (its response shows a new resource), or
 * undefined: reads, token requests and requests answered without such evidence leave nothing to report.
 */
export function mayBeLeftBehind(r: RequestTemplate, res: ObservedResponse): string | undefined {
  if (!mayCreate(r) || isTokenRequest(r) || r.noCleanup) return undefined;
  const evidence = showsResource(res);
  return evidence && `may be left behind: ${evidence}, and the card declares no cleanup`;
}

import type { Exchange, Outcome } from './exchange.js';
import { is2xx, isJsonType, jsonObject, shownType, typeName, verdict } from './exchange.js';
import { errorOutcomes } from './oauth-error.js';

/** RFC 6749 §5.1 on a successful token response, §5.2 on an error. */
export function tokenOutcomes(ex: Exchange): Outcome[] {
  const res = ex.response;
  if (!is2xx(res.status)) return errorOutcomes('token', ex);
  const body = jsonObject(res);
  const out: Outcome[] = [];
  out.push(
    verdict(
      'token-json',
      isJsonType(res.contentType) && body !== undefined,
      body ? shownType(res.contentType) : 'no JSON object body',
    ),
  );
  const token = body?.access_token;
  out.push(verdict('token-access-token', typeof token === 'string' && token !== '', typeName(token)));
  out.push(
    verdict(
      'token-token-type',
      typeof body?.token_type === 'string' && body.token_type !== '',
      typeName(body?.token_type),
    ),
  );
  if (body && 'expires_in' in body)
    out.push(verdict('token-expires-in-number', typeof body.expires_in === 'number', typeName(body.expires_in)));
  if (body && 'scope' in body)
    out.push(verdict('token-scope-string', typeof body.scope === 'string', typeName(body.scope)));
  const cache = res.headers['cache-control'];
  const noStore = cache?.split(',').some((d) => d.trim().toLowerCase() === 'no-store') ?? false;
  out.push(verdict('token-no-store', noStore, cache === undefined ? 'no Cache-Control' : `Cache-Control: ${cache}`));
  const pragma = res.headers.pragma;
  out.push(
    verdict(
      'token-pragma-no-cache',
      pragma?.trim().toLowerCase() === 'no-cache',
      pragma === undefined ? 'no Pragma' : `Pragma: ${pragma}`,
    ),
  );
  return out;
}

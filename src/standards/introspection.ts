import type { Exchange, Outcome } from './exchange.js';
import { isJsonType, jsonObject, shownType, typeName, verdict } from './exchange.js';
import { errorOutcomes } from './oauth-error.js';

/** RFC 7662 §2.2 on a 200; §2.3 (RFC 6749 §5.2) on an error. */
export function introspectionOutcomes(ex: Exchange): Outcome[] {
  const res = ex.response;
  if (res.status !== 200) return errorOutcomes('introspection', ex);
  const body = jsonObject(res);
  const out: Outcome[] = [
    verdict(
      'introspection-json',
      isJsonType(res.contentType) && body !== undefined,
      body ? shownType(res.contentType) : 'no JSON object body',
    ),
    verdict('introspection-active', typeof body?.active === 'boolean', typeName(body?.active)),
  ];
  if (body?.active === false) {
    const others = Object.keys(body).filter((k) => k !== 'active');
    out.push(
      verdict(
        'introspection-inactive-only',
        others.length === 0,
        others.length ? `also ${others.slice(0, 6).join(', ')}` : '{"active": false}',
      ),
    );
  }
  return out;
}

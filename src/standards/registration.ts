import type { Exchange, Outcome } from './exchange.js';
import { is2xx, isJsonType, jsonObject, shownType, typeName, verdict } from './exchange.js';
import { errorOutcomes } from './oauth-error.js';

/** The success status of each registration request: RFC 7591 §3.2.1 (POST), RFC 7592 §2.1-2.3 (GET, PUT, DELETE). */
const SUCCESS: Record<string, number> = { POST: 201, GET: 200, PUT: 200, DELETE: 204 };

/** RFC 7591 §3.2 and RFC 7592 on a registration or management response. */
export function registrationOutcomes(ex: Exchange): Outcome[] {
  const res = ex.response;
  if (!is2xx(res.status)) return errorOutcomes('registration', ex);
  const method = ex.request.method.toUpperCase();
  const expected = SUCCESS[method];
  const out: Outcome[] = [];
  if (expected !== undefined)
    out.push(
      verdict('registration-status', res.status === expected, `${res.status} to ${method} (expected ${expected})`),
    );
  if (method === 'DELETE') return out;
  const body = jsonObject(res);
  out.push(
    verdict(
      'registration-json',
      isJsonType(res.contentType) && body !== undefined,
      body ? shownType(res.contentType) : 'no JSON object body',
    ),
  );
  if (!body) return out;
  out.push(
    verdict(
      'registration-client-id',
      typeof body.client_id === 'string' && body.client_id !== '',
      typeName(body.client_id),
    ),
  );
  if ('client_secret' in body)
    out.push(
      verdict(
        'registration-secret-expires',
        'client_secret_expires_at' in body,
        'client_secret_expires_at' in body ? 'present' : 'missing',
      ),
    );
  const times = ['client_id_issued_at', 'client_secret_expires_at'].filter((k) => k in body);
  if (times.length) {
    const wrong = times.filter((k) => typeof body[k] !== 'number');
    out.push(
      verdict(
        'registration-issued-at-number',
        wrong.length === 0,
        wrong.length ? wrong.map((k) => `${k} is ${typeName(body[k])}`).join(', ') : 'numbers',
      ),
    );
  }
  const hasToken = 'registration_access_token' in body;
  const hasUri = 'registration_client_uri' in body;
  if (hasToken || hasUri)
    out.push(
      verdict(
        'registration-management-pair',
        hasToken === hasUri,
        hasToken ? (hasUri ? 'both' : 'no registration_client_uri') : 'no registration_access_token',
      ),
    );
  return out;
}

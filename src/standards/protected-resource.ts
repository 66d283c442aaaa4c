import type { Exchange, Outcome } from './exchange.js';
import { requestHeader, verdict } from './exchange.js';

/** The `error` parameter of a Bearer challenge, if any. */
function bearerError(challenge: string): string | undefined {
  return /(?:^|[\s,])error\s*=\s*"?([^",\s]*)"?/i.exec(challenge.replace(/^\s*bearer\b/i, ' '))?.[1];
}

/** RFC 6750 §3 on a 401 of a resource that takes bearer tokens. */
export function protectedResourceOutcomes(ex: Exchange): Outcome[] {
  const res = ex.response;
  if (res.status !== 401) return [];
  const challenge = res.headers['www-authenticate'];
  const bearer = challenge !== undefined && /(^|,)\s*bearer(\s|,|$)/i.test(challenge);
  const out: Outcome[] = [
    verdict(
      'bearer-www-authenticate',
      bearer,
      challenge === undefined ? 'no WWW-Authenticate' : `scheme ${challenge.trim().split(/\s/)[0]}`,
    ),
  ];
  if (!bearer || challenge === undefined) return out;
  const error = bearerError(challenge);
  const sentToken = /^bearer\s+\S/i.test(requestHeader(ex.request, 'authorization') ?? '');
  const sentAny = requestHeader(ex.request, 'authorization') !== undefined;
  if (sentToken)
    out.push(
      verdict('bearer-invalid-token', error === 'invalid_token', error ? `error="${error.slice(0, 40)}"` : 'no error'),
    );
  else if (!sentAny)
    out.push(
      verdict(
        'bearer-no-error-without-token',
        error === undefined,
        error ? `error="${error.slice(0, 40)}"` : 'no error',
      ),
    );
  return out;
}

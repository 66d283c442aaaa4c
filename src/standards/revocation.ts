import type { Exchange, Outcome } from './exchange.js';
import { is2xx, verdict } from './exchange.js';
import { errorOutcomes } from './oauth-error.js';

/** RFC 7009 §2.2: 200 on success; errors as RFC 6749 §5.2 (plus `unsupported_token_type`). */
export function revocationOutcomes(ex: Exchange): Outcome[] {
  const { status } = ex.response;
  if (is2xx(status)) return [verdict('revocation-status-200', status === 200, String(status))];
  return errorOutcomes('revocation', ex);
}

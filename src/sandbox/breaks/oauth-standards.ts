/** A response of the oauth API as a standards break sees it: status, the headers the rules read, the parsed body. */
export interface OauthResponse {
  status: number;
  headers: Record<'content-type' | 'cache-control' | 'pragma' | 'www-authenticate' | 'location', string | undefined>;
  body: unknown;
}

/**
 * A named break of one OAuth standards rule in the sandbox's `oauth` API: `oauth-<rule>`. `mutate` changes the
 * answers of `route` whose status is in `on`; a break without `mutate` changes what the handler does (the
 * follow-up rules: a replayed code accepted, an unknown token refused…), the handler reads `broken`.
 */
export interface StandardsBreak {
  rule: string;
  clause: string;
  /** `METHOD /path` inside the oauth API. */
  route: string;
  on: 'success' | 'error' | 'redirect' | 'unauthorized';
  description: string;
  mutate?: (res: OauthResponse) => OauthResponse;
}

import { DISCOVERY_BREAKS } from './oauth-breaks-discovery.js';
import { ENDPOINT_BREAKS } from './oauth-breaks-endpoints.js';
import { TOKEN_BREAKS } from './oauth-breaks-token.js';

/** One break per rule of the standards registry (src/standards/rules*.ts), in its order. */
export const STANDARDS_BREAKS: readonly StandardsBreak[] = [...TOKEN_BREAKS, ...ENDPOINT_BREAKS, ...DISCOVERY_BREAKS];

export const standardsBreakName = (rule: string) => `oauth-${rule}`;

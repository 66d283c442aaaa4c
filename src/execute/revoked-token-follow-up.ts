import type { HttpRequest } from '../http/client.js';
import { jsonObject, requestField } from '../standards/exchange.js';
import { DISCOVERY_PATHS, deadTokenProbe, judgeDeadToken, probeRequest } from '../standards/revoked-token.js';
import type { Attempt } from './attempt.js';
import type { FollowUpVerdict } from './pkce-follow-ups.js';
import type { BuiltSender } from './sender.js';

const RULE = 'followup-revoked-token-dead';

/** The API's metadata (RFC 8414, else OpenID Connect Discovery) read under its base URL, or undefined. */
async function metadataOf(sent: HttpRequest, send: BuiltSender): Promise<Record<string, unknown> | undefined> {
  for (const path of DISCOVERY_PATHS) {
    const res = await send(`follow-up ${RULE}: discovery`, {
      baseUrl: sent.baseUrl,
      method: 'GET',
      path,
      query: {},
      headers: {},
    });
    const meta = res.status === 200 ? jsonObject(res) : undefined;
    if (meta) return meta;
  }
  return undefined;
}

/**
 * After a revocation answered 2xx (RFC 7009 §2.1, §2.2): the token it revoked is dead. Asked of the introspection
 * endpoint (or the token endpoint, for a refresh token) the API's metadata advertises; only for a token a UID step of
 * the card obtained (a token written in the card may never have existed: its death would prove nothing).
 */
export async function revokedTokenFollowUp(
  attempt: Attempt,
  sent: HttpRequest,
  send: BuiltSender,
): Promise<FollowUpVerdict> {
  const token = requestField(sent, 'token');
  if (token === undefined || ![...attempt.fields.values()].includes(token))
    return {
      rule: RULE,
      notRun:
        'the revoked token is not one a UID step of the card obtained (written in the card or from env): its death would prove nothing',
    };
  const meta = await metadataOf(sent, send);
  if (!meta)
    return {
      rule: RULE,
      notRun: `no metadata at ${DISCOVERY_PATHS.join(' or ')} under the API's base URL: no introspection or token endpoint known`,
    };
  const probe = deadTokenProbe(sent, meta, sent.baseUrl);
  if ('notRun' in probe) return { rule: RULE, notRun: probe.notRun };
  const res = await send(`follow-up ${RULE}`, probeRequest(sent, probe, token));
  return { rule: RULE, outcome: judgeDeadToken(probe.via, res) };
}

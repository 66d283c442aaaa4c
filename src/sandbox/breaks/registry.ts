import { CardcheckError } from '../../core/errors.js';
import { didYouMean } from '../../util/did-you-mean.js';
import type { ContractBreak } from './contract-break.js';
import type { StandardsBreak } from './oauth-standards.js';
import { STANDARDS_BREAKS, standardsBreakName } from './oauth-standards.js';
import { rocketchatCreateActiveString } from './rocketchat-create-active-string.js';
import { rocketchatCreateErrorBody200 } from './rocketchat-create-error-body-200.js';
import { rocketchatListDropsOauthApps } from './rocketchat-list-drops-oauth-apps.js';
import { vcitaCreateAppDropsClientSecret } from './vcita-create-app-drops-client-secret.js';
import { vcitaServiceTokenExpiresInString } from './vcita-service-token-expires-in-string.js';
import { youhodlerCreateAccountDropsClientSecret } from './youhodler-create-account-drops-client-secret.js';
import { youhodlerTokenHtml } from './youhodler-token-html.js';
import { youhodlerTokenStatus201 } from './youhodler-token-status-201.js';

const BREAKS: readonly ContractBreak[] = [
  vcitaCreateAppDropsClientSecret,
  vcitaServiceTokenExpiresInString,
  rocketchatCreateErrorBody200,
  rocketchatCreateActiveString,
  rocketchatListDropsOauthApps,
  youhodlerTokenHtml,
  youhodlerTokenStatus201,
  youhodlerCreateAccountDropsClientSecret,
  // One per OAuth standards rule, on the oauth API: `oauth-<rule>`.
  ...STANDARDS_BREAKS.map(
    (b): ContractBreak => ({
      name: standardsBreakName(b.rule),
      api: 'oauth',
      route: b.route,
      kind: 'standard',
      description: b.description,
      rule: { id: b.rule, clause: b.clause },
      apply: (res) => res,
    }),
  ),
];

/** The standards breaks among enabled breaks, for the oauth API. */
export function standardsBreaksOf(enabled: readonly ContractBreak[]): StandardsBreak[] {
  return STANDARDS_BREAKS.filter((s) => enabled.some((b) => b.rule?.id === s.rule));
}

/** Every contract break the sandbox knows, in a stable order. */
export function listBreaks(): readonly ContractBreak[] {
  return BREAKS;
}

/** The breaks with these names; throws a `break-unknown` error on a name not in the registry. */
export function resolveBreaks(names: readonly string[]): ContractBreak[] {
  return names.map((name) => {
    const found = BREAKS.find((b) => b.name === name);
    if (!found) {
      const near = didYouMean(
        name,
        BREAKS.map((b) => b.name),
      );
      throw new CardcheckError(
        'break-unknown',
        `unknown contract break "${name}"${near ? `; did you mean "${near}"?` : ''} (cardcheck sandbox --list-breaks shows them all)`,
      );
    }
    return found;
  });
}

import { cloneJson, objectAt } from './contract-break.js';
import type { ContractBreak } from './contract-break.js';

export const vcitaServiceTokenExpiresInString: ContractBreak = {
  name: 'vcita-service-token-expires-in-string',
  api: 'vcita',
  route: 'POST /oauth/service/token',
  kind: 'retype-field',
  description: 'expires_in is the string "3600" instead of an integer',
  apply(res) {
    const body = cloneJson(res.body);
    const token = objectAt(body, '');
    if (token && 'expires_in' in token) token.expires_in = String(token.expires_in);
    return { ...res, body };
  },
};

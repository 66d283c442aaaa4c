import { cloneJson, objectAt } from './contract-break.js';
import type { ContractBreak } from './contract-break.js';

export const youhodlerCreateAccountDropsClientSecret: ContractBreak = {
  name: 'youhodler-create-account-drops-client-secret',
  api: 'youhodler',
  route: 'POST /service-accounts',
  kind: 'drop-field',
  description: 'the 201 body lacks client_secret',
  apply(res) {
    const body = cloneJson(res.body);
    delete objectAt(body, '')?.client_secret;
    return { ...res, body };
  },
};

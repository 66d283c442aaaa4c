import { cloneJson, objectAt } from './contract-break.js';
import type { ContractBreak } from './contract-break.js';

export const vcitaCreateAppDropsClientSecret: ContractBreak = {
  name: 'vcita-create-app-drops-client-secret',
  api: 'vcita',
  route: 'POST /platform/v1/apps',
  kind: 'drop-field',
  description: 'the 201 body lacks the required data.client_secret',
  apply(res) {
    const body = cloneJson(res.body);
    delete objectAt(body, 'data')?.client_secret;
    return { ...res, body };
  },
};

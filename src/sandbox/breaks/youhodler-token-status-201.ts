import type { ContractBreak } from './contract-break.js';

export const youhodlerTokenStatus201: ContractBreak = {
  name: 'youhodler-token-status-201',
  api: 'youhodler',
  route: 'POST /oauth/token',
  kind: 'status',
  description: 'the token is issued with status 201 instead of the documented 200',
  apply(res) {
    return { ...res, status: 201 };
  },
};

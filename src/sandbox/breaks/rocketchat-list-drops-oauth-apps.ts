import { cloneJson, objectAt } from './contract-break.js';
import type { ContractBreak } from './contract-break.js';

export const rocketchatListDropsOauthApps: ContractBreak = {
  name: 'rocketchat-list-drops-oauth-apps',
  api: 'rocketchat',
  route: 'GET /api/v1/oauth-apps.list',
  kind: 'drop-field',
  description: 'the 200 body lacks the oauthApps array',
  apply(res) {
    const body = cloneJson(res.body);
    delete objectAt(body, '')?.oauthApps;
    return { ...res, body };
  },
};

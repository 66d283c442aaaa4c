import { cloneJson, objectAt } from './contract-break.js';
import type { ContractBreak } from './contract-break.js';

export const rocketchatCreateActiveString: ContractBreak = {
  name: 'rocketchat-create-active-string',
  api: 'rocketchat',
  route: 'POST /api/v1/oauth-apps.create',
  kind: 'retype-field',
  description: 'application.active is the string "true" instead of a boolean',
  apply(res) {
    const body = cloneJson(res.body);
    const app = objectAt(body, 'application');
    if (app) app.active = String(app.active);
    return { ...res, body };
  },
};

import { fieldAsString } from './contract-break.js';

export const rocketchatCreateActiveString = fieldAsString({
  name: 'rocketchat-create-active-string',
  api: 'rocketchat',
  route: 'POST /api/v1/oauth-apps.create',
  description: 'application.active is the string "true" instead of a boolean',
  at: 'application',
  field: 'active',
});

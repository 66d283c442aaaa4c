import { dropField } from './contract-break.js';

export const rocketchatListDropsOauthApps = dropField({
  name: 'rocketchat-list-drops-oauth-apps',
  api: 'rocketchat',
  route: 'GET /api/v1/oauth-apps.list',
  description: 'the 200 body lacks the oauthApps array',
  at: '',
  field: 'oauthApps',
});

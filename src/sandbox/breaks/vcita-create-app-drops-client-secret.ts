import { dropField } from './contract-break.js';

export const vcitaCreateAppDropsClientSecret = dropField({
  name: 'vcita-create-app-drops-client-secret',
  api: 'vcita',
  route: 'POST /platform/v1/apps',
  description: 'the 201 body lacks the required data.client_secret',
  at: 'data',
  field: 'client_secret',
});

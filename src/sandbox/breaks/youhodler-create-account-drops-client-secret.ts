import { dropField } from './contract-break.js';

export const youhodlerCreateAccountDropsClientSecret = dropField({
  name: 'youhodler-create-account-drops-client-secret',
  api: 'youhodler',
  route: 'POST /service-accounts',
  description: 'the 201 body lacks client_secret',
  at: '',
  field: 'client_secret',
});

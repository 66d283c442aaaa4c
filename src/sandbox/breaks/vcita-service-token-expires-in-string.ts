import { fieldAsString } from './contract-break.js';

export const vcitaServiceTokenExpiresInString = fieldAsString({
  name: 'vcita-service-token-expires-in-string',
  api: 'vcita',
  route: 'POST /oauth/service/token',
  description: 'expires_in is the string "3600" instead of an integer',
  at: '',
  field: 'expires_in',
});

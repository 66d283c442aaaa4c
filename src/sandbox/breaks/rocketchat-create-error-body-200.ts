import type { ContractBreak } from './contract-break.js';

export const rocketchatCreateErrorBody200: ContractBreak = {
  name: 'rocketchat-create-error-body-200',
  api: 'rocketchat',
  route: 'POST /api/v1/oauth-apps.create',
  kind: 'error-body',
  description: 'status 200 with an error body ({ success: false, error, errorType }) instead of application{…}',
  apply(res) {
    return {
      ...res,
      status: 200,
      body: { success: false, error: 'Internal server error [error-internal]', errorType: 'error-internal' },
    };
  },
};

import type { OpenApiDocument } from './document.js';
import { json, jsonOrForm, pathParam } from './document.js';

const error = { $ref: '#/components/responses/Error' };
const id = pathParam('id', { type: 'string', format: 'uuid' });
const account = { $ref: '#/components/schemas/Account' };
const accountWithSecret = {
  allOf: [account, { type: 'object', required: ['client_secret'], properties: { client_secret: { type: 'string' } } }],
};

/** YouHodler-style service accounts and token endpoint as the sandbox implements them (`apis/youhodler/`), served at `/youhodler/openapi.json`. */
export const youhodlerOpenApi: OpenApiDocument = {
  openapi: '3.0.3',
  info: {
    title: 'YouHodler Business API (cardcheck sandbox)',
    version: '1.0.0',
    description: 'Service accounts, the client-credentials token endpoint and token introspection (seed 003).',
  },
  security: [{ admin: [] }],
  tags: [{ name: 'service-accounts' }, { name: 'auth' }],
  paths: {
    '/service-accounts': {
      post: {
        operationId: 'createServiceAccount',
        summary: 'Create a service account',
        tags: ['service-accounts'],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['name'],
                properties: {
                  name: { type: 'string', minLength: 1 },
                  capabilities: { type: 'array', items: { type: 'string' }, default: ['wallets:read'] },
                  token_rate_limit_per_minute: { type: 'integer', minimum: 1, nullable: true },
                },
              },
            },
          },
        },
        responses: {
          '201': json('Created; the client secret is shown once, here.', accountWithSecret),
          '400': error,
          '401': error,
        },
      },
    },
    '/service-accounts/{id}': {
      parameters: [id],
      get: {
        operationId: 'getServiceAccount',
        summary: 'Get a service account',
        tags: ['service-accounts'],
        responses: { '200': json('The account, without its secret.', account), '401': error, '404': error },
      },
      delete: {
        operationId: 'deleteServiceAccount',
        summary: 'Delete a service account',
        tags: ['service-accounts'],
        responses: { '204': { description: 'Deleted.' }, '401': error, '404': error },
      },
    },
    '/service-accounts/{id}/rotate-secret': {
      parameters: [id],
      post: {
        operationId: 'rotateServiceAccountSecret',
        summary: "Rotate a service account's secret (the old one fails from now on)",
        tags: ['service-accounts'],
        responses: { '200': json('The account with its new secret.', accountWithSecret), '401': error, '404': error },
      },
    },
    '/service-accounts/{id}/disable': {
      parameters: [id],
      post: {
        operationId: 'disableServiceAccount',
        summary: 'Disable a service account (its token requests get 422)',
        tags: ['service-accounts'],
        responses: { '200': json('The disabled account.', account), '401': error, '404': error },
      },
    },
    '/oauth/token': {
      post: {
        operationId: 'issueAccessToken',
        summary: 'Issue an access token (client credentials)',
        tags: ['auth'],
        // Client authentication in the body (client_id, client_secret) or with HTTP Basic.
        security: [{}, { clientBasic: [] }],
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } }],
        requestBody: jsonOrForm({
          type: 'object',
          required: ['grant_type', 'client_id', 'client_secret'],
          properties: {
            grant_type: { type: 'string', enum: ['client_credentials'] },
            client_id: { type: 'string', format: 'uuid' },
            client_secret: { type: 'string' },
            scope: { type: 'string', description: 'Space-separated capabilities of the account.' },
          },
        }),
        responses: {
          '200': json('A token.', {
            type: 'object',
            required: ['access_token', 'expires_in', 'issued_token_type', 'token_type'],
            properties: {
              access_token: { type: 'string' },
              expires_in: { type: 'integer' },
              issued_token_type: { type: 'string' },
              token_type: { type: 'string', enum: ['Bearer'] },
            },
          }),
          '400': error,
          '401': error,
          '409': error,
          '422': error,
          '429': error,
        },
      },
    },
    '/oauth/introspect': {
      post: {
        operationId: 'introspectToken',
        summary: 'Whether an access token is live (RFC 7662)',
        tags: ['auth'],
        requestBody: jsonOrForm({ type: 'object', required: ['token'], properties: { token: { type: 'string' } } }),
        responses: {
          '200': json("`{ active: false }`, or the live token's claims.", {
            type: 'object',
            required: ['active'],
            properties: {
              active: { type: 'boolean' },
              client_id: { type: 'string' },
              sub: { type: 'string' },
              scope: { type: 'string' },
              iat: { type: 'integer' },
              exp: { type: 'integer' },
              token_type: { type: 'string' },
            },
          }),
          '401': error,
        },
      },
    },
  },
  components: {
    securitySchemes: {
      admin: { type: 'http', scheme: 'bearer', description: 'The admin token (YOUHODLER_ADMIN_TOKEN).' },
      clientBasic: { type: 'http', scheme: 'basic', description: "A service account's client_id and client_secret." },
    },
    responses: {
      Error: json('An error, as seed 003 shapes them: `{ code, details?, message }`.', {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string' },
          details: { type: 'object', additionalProperties: true },
          message: { type: 'string' },
        },
      }),
    },
    schemas: {
      Account: {
        type: 'object',
        required: [
          'id',
          'client_id',
          'name',
          'capabilities',
          'status',
          'token_rate_limit_per_minute',
          'created_at',
          'updated_at',
        ],
        properties: {
          id: { type: 'string', format: 'uuid' },
          client_id: { type: 'string', format: 'uuid' },
          name: { type: 'string' },
          capabilities: { type: 'array', items: { type: 'string' } },
          status: { type: 'string', enum: ['active', 'disabled'] },
          token_rate_limit_per_minute: { type: 'integer', nullable: true },
          created_at: { type: 'string', format: 'date-time' },
          updated_at: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
};

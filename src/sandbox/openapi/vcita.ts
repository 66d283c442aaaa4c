import type { OpenApiDocument } from './document.js';
import { html, json, jsonOrForm, pathParam } from './document.js';

const appsError = { $ref: '#/components/responses/AppsError' };
const oauthError = { $ref: '#/components/responses/OAuthError' };
const found = {
  description: 'A redirect to the registered redirect_uri, with `code` and `state`, or `error` and `state`.',
  headers: { Location: { schema: { type: 'string', format: 'uri' } } },
};

/** The vcita-style platform as the sandbox implements it (`apis/vcita/`), served at `/vcita/openapi.json`. */
export const vcitaOpenApi: OpenApiDocument = {
  openapi: '3.0.3',
  info: {
    title: 'vcita Platform (cardcheck sandbox)',
    version: '1.0.0',
    description: 'The OAuth apps directory and OAuth endpoints the embedded sandbox serves (seeds 000, 001, 004).',
  },
  security: [{ directory: [] }],
  tags: [{ name: 'apps' }, { name: 'oauth' }],
  paths: {
    '/platform/v1/apps': {
      post: {
        operationId: 'createApp',
        summary: 'Create an OAuth app',
        tags: ['apps'],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['name', 'app_code_name', 'redirect_uri'],
                properties: {
                  name: { type: 'string', minLength: 1 },
                  app_code_name: { type: 'string', pattern: '^[a-zA-Z0-9_]+$' },
                  redirect_uri: { type: 'string', format: 'uri' },
                  app_type: { type: 'string', enum: ['internal', 'public', 'private'], default: 'internal' },
                  scopes: { type: 'array', items: { type: 'string' }, default: ['openid'] },
                },
              },
            },
          },
        },
        responses: {
          '201': json('Created; the client secret is shown once, here.', {
            type: 'object',
            required: ['success', 'data'],
            properties: {
              success: { type: 'boolean' },
              data: {
                allOf: [
                  { $ref: '#/components/schemas/App' },
                  { type: 'object', required: ['client_secret'], properties: { client_secret: { type: 'string' } } },
                ],
              },
            },
          }),
          '401': appsError,
          '409': appsError,
          '422': appsError,
        },
      },
      get: {
        operationId: 'listApps',
        summary: 'List OAuth apps',
        tags: ['apps'],
        responses: {
          '200': json('Every app, without secrets.', {
            type: 'object',
            required: ['success', 'data'],
            properties: {
              success: { type: 'boolean' },
              data: { type: 'array', items: { $ref: '#/components/schemas/App' } },
            },
          }),
          '401': appsError,
        },
      },
    },
    '/platform/v1/apps/{client_id}': {
      parameters: [pathParam('client_id')],
      get: {
        operationId: 'getApp',
        summary: 'Get an OAuth app',
        tags: ['apps'],
        responses: {
          '200': json('The app, without its secret.', {
            type: 'object',
            required: ['success', 'data'],
            properties: { success: { type: 'boolean' }, data: { $ref: '#/components/schemas/App' } },
          }),
          '401': appsError,
          '404': appsError,
        },
      },
      delete: {
        operationId: 'deleteApp',
        summary: 'Delete an OAuth app',
        tags: ['apps'],
        responses: {
          '200': json('Deleted.', {
            type: 'object',
            required: ['success'],
            properties: { success: { type: 'boolean' } },
          }),
          '401': appsError,
          '404': appsError,
        },
      },
    },
    '/oauth/service/token': {
      post: {
        operationId: 'issueServiceToken',
        summary: 'Issue a service access token (an app authenticates with its client id and secret)',
        tags: ['oauth'],
        security: [],
        requestBody: jsonOrForm({
          type: 'object',
          required: ['service_id', 'service_secret'],
          properties: { service_id: { type: 'string' }, service_secret: { type: 'string' } },
        }),
        responses: {
          '200': json('An access token.', { $ref: '#/components/schemas/ServiceToken' }),
          '400': oauthError,
          '401': oauthError,
        },
      },
    },
    '/oauth/authorize': {
      get: {
        operationId: 'authorizePage',
        summary: 'The sign-in and consent page of the authorization code flow (a person acts on it)',
        tags: ['oauth'],
        security: [],
        parameters: [
          { name: 'client_id', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'redirect_uri', in: 'query', required: true, schema: { type: 'string', format: 'uri' } },
          { name: 'response_type', in: 'query', required: true, schema: { type: 'string', enum: ['code'] } },
          { name: 'state', in: 'query', schema: { type: 'string' } },
          { name: 'scope', in: 'query', schema: { type: 'string' } },
          { name: 'code_challenge', in: 'query', schema: { type: 'string' } },
          { name: 'code_challenge_method', in: 'query', schema: { type: 'string', enum: ['S256'] } },
        ],
        responses: {
          '200': html('The sign-in and consent form, bound to a one-time CSRF token.'),
          '302': found,
          '400': html('Unknown client_id, or a redirect_uri that is not the registered one.'),
        },
      },
      post: {
        operationId: 'authorizeSubmit',
        summary: "The consent form's answer (a person signs in and allows or denies)",
        tags: ['oauth'],
        security: [],
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                required: ['csrf_token', 'decision'],
                properties: {
                  csrf_token: { type: 'string' },
                  decision: { type: 'string', enum: ['allow', 'deny'] },
                  username: { type: 'string' },
                  password: { type: 'string', format: 'password' },
                },
              },
            },
          },
        },
        responses: {
          '302': found,
          '400': html('The authorization request expired, was already used, or its app no longer exists.'),
          '401': html('The consent form again: wrong username or password.'),
        },
      },
    },
    '/oauth/token': {
      post: {
        operationId: 'issueToken',
        summary: 'Exchange an authorization code or a refresh token (rotating, single use)',
        tags: ['oauth'],
        // Client authentication in the body (client_id, client_secret) or with HTTP Basic.
        security: [{}, { clientBasic: [] }],
        requestBody: jsonOrForm({
          type: 'object',
          required: ['grant_type'],
          properties: {
            grant_type: { type: 'string', enum: ['authorization_code', 'refresh_token'] },
            code: { type: 'string' },
            redirect_uri: { type: 'string', format: 'uri' },
            code_verifier: { type: 'string' },
            refresh_token: { type: 'string' },
            scope: { type: 'string' },
            client_id: { type: 'string' },
            client_secret: { type: 'string' },
          },
        }),
        responses: {
          '200': json('An access token and a new refresh token.', {
            allOf: [
              { $ref: '#/components/schemas/ServiceToken' },
              { type: 'object', required: ['refresh_token'], properties: { refresh_token: { type: 'string' } } },
            ],
          }),
          '400': oauthError,
          '401': oauthError,
        },
      },
    },
  },
  components: {
    securitySchemes: {
      directory: { type: 'http', scheme: 'bearer', description: 'The directory token (DIRECTORY_TOKEN).' },
      clientBasic: { type: 'http', scheme: 'basic', description: "An app's client_id and client_secret." },
    },
    responses: {
      AppsError: json('An error of the apps API.', {
        type: 'object',
        required: ['success', 'error'],
        properties: {
          success: { type: 'boolean', enum: [false] },
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
      }),
      OAuthError: json('An RFC 6749 §5.2 error.', {
        type: 'object',
        required: ['error', 'error_description'],
        properties: { error: { type: 'string' }, error_description: { type: 'string' } },
      }),
    },
    schemas: {
      App: {
        type: 'object',
        required: ['id', 'name', 'app_code_name', 'app_type', 'redirect_uri', 'scopes', 'client_id', 'created_at'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          name: { type: 'string' },
          app_code_name: { type: 'string' },
          app_type: { type: 'string', enum: ['internal', 'public', 'private'] },
          redirect_uri: { type: 'string' },
          scopes: { type: 'array', items: { type: 'string' } },
          client_id: { type: 'string' },
          created_at: { type: 'string', format: 'date-time' },
        },
      },
      ServiceToken: {
        type: 'object',
        required: ['access_token', 'token_type', 'expires_in', 'scope'],
        properties: {
          access_token: { type: 'string' },
          token_type: { type: 'string', enum: ['Bearer'] },
          expires_in: { type: 'integer' },
          scope: { type: 'string' },
        },
      },
    },
  },
};

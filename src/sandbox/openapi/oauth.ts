import type { OpenApiDocument } from './document.js';
import { html, json, pathParam } from './document.js';
import { clientMetadata, registered, serverMetadata } from './oauth-schemas.js';

const oauthError = { $ref: '#/components/responses/OAuthError' };
const form = (schema: unknown) => ({ required: true, content: { 'application/x-www-form-urlencoded': { schema } } });
const redirect = {
  description: 'A redirect to the registered redirect_uri, with `code` and `state`, or `error` and `state`.',
  headers: { Location: { schema: { type: 'string', format: 'uri' } } },
};
const authorizeQuery = [
  { name: 'client_id', in: 'query', required: true, schema: { type: 'string' } },
  { name: 'redirect_uri', in: 'query', required: true, schema: { type: 'string', format: 'uri' } },
  { name: 'response_type', in: 'query', required: true, schema: { type: 'string', enum: ['code'] } },
  { name: 'code_challenge', in: 'query', required: true, schema: { type: 'string' } },
  { name: 'code_challenge_method', in: 'query', required: true, schema: { type: 'string', enum: ['S256'] } },
  { name: 'scope', in: 'query', schema: { type: 'string' } },
  { name: 'state', in: 'query', schema: { type: 'string' } },
];
/** The standards-following OAuth server as the sandbox implements it (`apis/oauth/`), served at `/oauth/openapi.json`. */
export const oauthOpenApi: OpenApiDocument = {
  openapi: '3.0.3',
  info: {
    title: 'Standards-following OAuth server (cardcheck sandbox)',
    version: '1.0.0',
    description:
      'RFC 6749, 7009, 7591, 7592, 7662, 8414 and 6750. Client authentication on token, revocation and introspection: HTTP Basic or client_id + client_secret in the form.',
  },
  security: [],
  tags: [{ name: 'discovery' }, { name: 'registration' }, { name: 'authorization' }, { name: 'tokens' }],
  paths: {
    '/.well-known/oauth-authorization-server': {
      get: {
        operationId: 'authorizationServerMetadata',
        summary: 'Authorization server metadata (RFC 8414)',
        tags: ['discovery'],
        responses: { '200': json('The metadata; the issuer is the base URL.', serverMetadata) },
      },
    },
    '/.well-known/openid-configuration': {
      get: {
        operationId: 'openidConfiguration',
        summary: 'OpenID Provider metadata (the same, with the OpenID members)',
        tags: ['discovery'],
        responses: {
          '200': json('The metadata.', {
            allOf: [
              serverMetadata,
              {
                type: 'object',
                required: ['subject_types_supported', 'id_token_signing_alg_values_supported'],
                properties: {
                  subject_types_supported: { type: 'array', items: { type: 'string' } },
                  id_token_signing_alg_values_supported: { type: 'array', items: { type: 'string' } },
                },
              },
            ],
          }),
        },
      },
    },
    '/jwks': {
      get: {
        operationId: 'jwks',
        summary: 'The signing keys (none: tokens are opaque, no ID tokens)',
        tags: ['discovery'],
        responses: {
          '200': json('An empty key set.', {
            type: 'object',
            required: ['keys'],
            properties: { keys: { type: 'array', items: { type: 'object' }, maxItems: 0 } },
          }),
        },
      },
    },
    '/register': {
      post: {
        operationId: 'registerClient',
        summary: 'Register a client (RFC 7591)',
        tags: ['registration'],
        requestBody: { required: true, content: { 'application/json': { schema: clientMetadata } } },
        responses: {
          '201': json(
            'The client, its secret and its registration access token, shown once here.',
            registered(
              { client_secret: { type: 'string' }, client_secret_expires_at: { type: 'integer', enum: [0] } },
              ['client_secret', 'client_secret_expires_at', 'registration_access_token'],
            ),
          ),
          '400': oauthError,
        },
      },
    },
    '/register/{client_id}': {
      parameters: [pathParam('client_id')],
      get: {
        operationId: 'readClient',
        summary: 'Read a registered client (RFC 7592)',
        tags: ['registration'],
        security: [{ registrationToken: [] }],
        responses: {
          '200': json('The client, without its secret.', registered({}, ['registration_access_token'])),
          '401': oauthError,
        },
      },
      put: {
        operationId: 'updateClient',
        summary: "Replace a registered client's metadata (RFC 7592)",
        tags: ['registration'],
        security: [{ registrationToken: [] }],
        requestBody: { required: true, content: { 'application/json': { schema: clientMetadata } } },
        responses: {
          '200': json('The client as updated.', registered({}, ['registration_access_token'])),
          '400': oauthError,
          '401': oauthError,
        },
      },
      delete: {
        operationId: 'deleteClient',
        summary: 'Delete a registered client and revoke its tokens (RFC 7592)',
        tags: ['registration'],
        security: [{ registrationToken: [] }],
        responses: { '204': { description: 'Deleted.' }, '401': oauthError },
      },
    },
    '/authorize': {
      get: {
        operationId: 'authorizePage',
        summary: 'The sign-in and consent page (a person acts on it; PKCE S256 required)',
        tags: ['authorization'],
        parameters: authorizeQuery,
        responses: {
          '200': html('The sign-in and consent form.'),
          '302': redirect,
          '400': html('An unknown client or an unregistered redirect_uri: no redirect.'),
        },
      },
      post: {
        operationId: 'authorizeSubmit',
        summary: "The consent form's answer (with the page's query)",
        tags: ['authorization'],
        parameters: authorizeQuery,
        requestBody: form({
          type: 'object',
          required: ['username', 'password'],
          properties: {
            username: { type: 'string' },
            password: { type: 'string', format: 'password' },
            decision: { type: 'string', enum: ['allow', 'deny'] },
            respond_with: {
              type: 'string',
              enum: ['json'],
              description: 'Sandbox-only: answer 200 JSON instead of 302.',
            },
          },
        }),
        responses: {
          '200': {
            description: 'With respond_with=json, the code; after a wrong password, the form again (HTML).',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['code', 'redirect_to'],
                  properties: { code: { type: 'string' }, state: { type: 'string' }, redirect_to: { type: 'string' } },
                },
              },
              'text/html': { schema: { type: 'string' } },
            },
          },
          '302': redirect,
          '400': html('An unknown client or an unregistered redirect_uri.'),
        },
      },
    },
    '/token': {
      post: {
        operationId: 'token',
        summary: 'Issue tokens: client_credentials, authorization_code (single-use codes), refresh_token (rotated)',
        tags: ['tokens'],
        security: [{ clientBasic: [] }, {}],
        requestBody: form({
          type: 'object',
          required: ['grant_type'],
          properties: {
            grant_type: { type: 'string', enum: ['client_credentials', 'authorization_code', 'refresh_token'] },
            scope: { type: 'string', enum: ['read', 'write', 'read write'] },
            code: { type: 'string' },
            redirect_uri: { type: 'string', format: 'uri' },
            code_verifier: { type: 'string' },
            refresh_token: { type: 'string' },
            client_id: { type: 'string' },
            client_secret: { type: 'string' },
          },
        }),
        responses: {
          '200': json('Tokens, with Cache-Control: no-store.', {
            type: 'object',
            required: ['access_token', 'token_type', 'expires_in', 'scope'],
            properties: {
              access_token: { type: 'string' },
              token_type: { type: 'string', enum: ['Bearer'] },
              expires_in: { type: 'integer' },
              scope: { type: 'string' },
              refresh_token: { type: 'string' },
            },
          }),
          '400': oauthError,
          '401': oauthError,
        },
      },
    },
    '/revoke': {
      post: {
        operationId: 'revoke',
        summary: 'Revoke a token (RFC 7009; an unknown token is answered 200 too)',
        tags: ['tokens'],
        security: [{ clientBasic: [] }, {}],
        requestBody: form({
          type: 'object',
          required: ['token'],
          properties: { token: { type: 'string' }, token_type_hint: { type: 'string' } },
        }),
        responses: {
          '200': json('Revoked (or never known).', { type: 'object', maxProperties: 0 }),
          '400': oauthError,
          '401': oauthError,
        },
      },
    },
    '/introspect': {
      post: {
        operationId: 'introspect',
        summary: 'Whether a token is active (RFC 7662)',
        tags: ['tokens'],
        security: [{ clientBasic: [] }, {}],
        requestBody: form({ type: 'object', required: ['token'], properties: { token: { type: 'string' } } }),
        responses: {
          '200': json("`{ active: false }` alone, or the active token's claims.", {
            type: 'object',
            required: ['active'],
            properties: {
              active: { type: 'boolean' },
              client_id: { type: 'string' },
              scope: { type: 'string' },
              sub: { type: 'string' },
              token_type: { type: 'string' },
              iat: { type: 'integer' },
              exp: { type: 'integer' },
            },
          }),
          '400': oauthError,
          '401': oauthError,
        },
      },
    },
    '/resource': {
      get: {
        operationId: 'resource',
        summary: 'A protected resource (RFC 6750)',
        tags: ['tokens'],
        security: [{ accessToken: [] }],
        responses: {
          '200': json("The token's client, subject and scope.", {
            type: 'object',
            required: ['client_id', 'scope'],
            properties: { client_id: { type: 'string' }, sub: { type: 'string' }, scope: { type: 'string' } },
          }),
          '401': json('No token (`unauthorized`) or a bad one (`invalid_token`), with a Bearer challenge.', {
            type: 'object',
            required: ['error'],
            properties: { error: { type: 'string' } },
          }),
        },
      },
    },
  },
  components: {
    securitySchemes: {
      clientBasic: { type: 'http', scheme: 'basic', description: "A client's client_id and client_secret." },
      registrationToken: { type: 'http', scheme: 'bearer', description: "A client's registration access token." },
      accessToken: { type: 'http', scheme: 'bearer', description: 'An access token from /token.' },
    },
    responses: {
      OAuthError: json('An RFC 6749 §5.2 error.', {
        type: 'object',
        required: ['error'],
        properties: { error: { type: 'string' }, error_description: { type: 'string' } },
      }),
    },
  },
};

import type { OpenApiDocument } from './document.js';
import { json } from './document.js';

const failure = { $ref: '#/components/responses/Failure' };
const notLoggedIn = { $ref: '#/components/responses/NotLoggedIn' };
const denied = { $ref: '#/components/responses/Forbidden' };
const publicApp = { $ref: '#/components/schemas/OauthApp' };

/** Rocket.Chat's oauth-apps.* endpoints as the sandbox implements them (`apis/rocketchat/`), served at `/rocketchat/openapi.json`. */
export const rocketchatOpenApi: OpenApiDocument = {
  openapi: '3.0.3',
  info: {
    title: 'Rocket.Chat REST API, OAuth apps (cardcheck sandbox)',
    version: '1.0.0',
    description:
      'Every endpoint needs a login (X-Auth-Token + X-User-Id) and the manage-oauth-apps permission; checked in this order: login (401), permission (403), body (400) (seed 002).',
  },
  security: [{ authToken: [], userId: [] }],
  tags: [{ name: 'oauth-apps' }],
  paths: {
    '/api/v1/oauth-apps.create': {
      post: {
        operationId: 'createOauthApp',
        summary: 'Create an OAuth app',
        tags: ['oauth-apps'],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['name', 'active', 'redirectUri'],
                additionalProperties: false,
                properties: {
                  name: { type: 'string' },
                  active: { type: 'boolean' },
                  redirectUri: { type: 'string', format: 'uri' },
                },
              },
            },
          },
        },
        responses: {
          '200': json('The app; its client secret is shown once, here.', {
            type: 'object',
            required: ['application', 'success'],
            properties: {
              application: {
                allOf: [
                  publicApp,
                  { type: 'object', required: ['clientSecret'], properties: { clientSecret: { type: 'string' } } },
                ],
              },
              success: { type: 'boolean', enum: [true] },
            },
          }),
          '400': failure,
          '401': notLoggedIn,
          '403': denied,
        },
      },
    },
    '/api/v1/oauth-apps.get': {
      get: {
        operationId: 'getOauthApp',
        summary: 'Get an OAuth app by appId or clientId (one of the two)',
        tags: ['oauth-apps'],
        parameters: [
          { name: 'appId', in: 'query', required: false, schema: { type: 'string' }, description: "The app's _id." },
          { name: 'clientId', in: 'query', required: false, schema: { type: 'string' } },
        ],
        responses: {
          '200': json('The app, without its secret.', {
            type: 'object',
            required: ['oauthApp', 'success'],
            properties: { oauthApp: publicApp, success: { type: 'boolean', enum: [true] } },
          }),
          '400': failure,
          '401': notLoggedIn,
          '403': denied,
        },
      },
    },
    '/api/v1/oauth-apps.list': {
      get: {
        operationId: 'listOauthApps',
        summary: 'List the OAuth apps',
        tags: ['oauth-apps'],
        responses: {
          '200': json('Every app, without secrets.', {
            type: 'object',
            required: ['oauthApps', 'success'],
            properties: { oauthApps: { type: 'array', items: publicApp }, success: { type: 'boolean', enum: [true] } },
          }),
          '401': notLoggedIn,
          '403': denied,
        },
      },
    },
    '/api/v1/oauth-apps.delete': {
      post: {
        operationId: 'deleteOauthApp',
        summary: 'Delete an OAuth app',
        tags: ['oauth-apps'],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', required: ['appId'], properties: { appId: { type: 'string' } } },
            },
          },
        },
        responses: {
          '200': json('Deleted.', {
            type: 'object',
            required: ['success'],
            properties: { success: { type: 'boolean', enum: [true] } },
          }),
          '400': failure,
          '401': notLoggedIn,
          '403': denied,
        },
      },
    },
  },
  components: {
    securitySchemes: {
      authToken: { type: 'apiKey', in: 'header', name: 'X-Auth-Token' },
      userId: { type: 'apiKey', in: 'header', name: 'X-User-Id' },
    },
    responses: {
      Failure: json('Invalid params or an unknown app: `{ success: false, error: "… [errorType]", errorType }`.', {
        type: 'object',
        required: ['success', 'error'],
        properties: {
          success: { type: 'boolean', enum: [false] },
          error: { type: 'string' },
          errorType: { type: 'string' },
        },
      }),
      NotLoggedIn: json('No login, a wrong token, or a token of another user id.', {
        type: 'object',
        required: ['status', 'message'],
        properties: { status: { type: 'string', enum: ['error'] }, message: { type: 'string' } },
      }),
      Forbidden: json('The user lacks manage-oauth-apps.', {
        type: 'object',
        required: ['success', 'error', 'errorType'],
        properties: {
          success: { type: 'boolean', enum: [false] },
          error: { type: 'string' },
          errorType: { type: 'string' },
        },
      }),
    },
    schemas: {
      OauthApp: {
        type: 'object',
        required: ['name', 'redirectUri', 'active', 'clientId', '_createdAt', '_updatedAt', '_createdBy', '_id'],
        properties: {
          name: { type: 'string' },
          redirectUri: { type: 'string' },
          active: { type: 'boolean' },
          clientId: { type: 'string' },
          _createdAt: { type: 'string', format: 'date-time' },
          _updatedAt: { type: 'string', format: 'date-time' },
          _createdBy: {
            type: 'object',
            required: ['_id', 'username'],
            properties: { _id: { type: 'string' }, username: { type: 'string' } },
          },
          _id: { type: 'string' },
        },
      },
    },
  },
};

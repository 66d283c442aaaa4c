import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCard } from '../card/parse-card.js';
import { readOpenApi } from './openapi.js';
import { writeCard } from './write-card.js';

const doc = parse(
  readFileSync(new URL('../../fixtures/openapi/youhodler-auth.yaml', import.meta.url), 'utf8'),
) as unknown;

describe('readOpenApi', () => {
  it('gives every operation with its request example, required headers, and the success schema with $refs inlined', () => {
    const ops = readOpenApi(doc);
    expect(ops?.map((o) => [o.method, o.path, o.id, o.title])).toEqual([
      ['POST', '/oauth/token', 'issueAccessToken', 'Issue access token'],
      ['GET', '/service-accounts/{id}', 'getServiceAccount', 'Get a service account'],
    ]);
    const [token, account] = ops ?? [];
    expect(token?.body).toEqual({
      client_id: 'b8e2f1a0-4c3d-4e5f-9a1b-2c3d4e5f6a7b',
      client_secret: 'cs_live_abc123placeholder',
      grant_type: 'client_credentials',
    });
    expect(token?.expectStatus).toBe(200);
    expect(token?.expectSchema).toMatchObject({
      type: 'object',
      required: ['access_token', 'token_type', 'expires_in'],
    });
    // Examples come from `example`, else from the schema's own example values.
    expect(token?.responses).toEqual([
      {
        status: 200,
        description: 'Operation succeeded.',
        body: { access_token: 'eyJhbGciOiJSUzI1NiJ9.e30.sig', token_type: 'Bearer', expires_in: 3600 },
      },
      {
        status: 400,
        description: 'Invalid request payload.',
        body: { code: 'invalid_request', message: 'Request is invalid.' },
      },
    ]);
    expect(account?.headers).toEqual(['Authorization']);
    expect(account?.openapi?.headers).toEqual({ Authorization: '{{env.YOUHODLER_AUTHORIZATION}}' });
    expect(account?.expectSchema).toMatchObject({
      properties: { disabled_at: { type: ['string', 'null'], format: 'date-time' } },
    });
  });

  it("reads Swagger 2: a body parameter's schema examples, response schemas and examples beside the description", () => {
    const swagger = {
      swagger: '2.0',
      paths: {
        '/pets': {
          post: {
            operationId: 'addPet',
            parameters: [{ in: 'body', name: 'pet', schema: { $ref: '#/definitions/Pet' } }],
            responses: {
              '201': {
                description: 'Created',
                schema: { $ref: '#/definitions/Pet' },
                examples: { 'application/json': { id: 7, name: 'Rex' } },
              },
              '400': {
                description: 'Bad pet',
                schema: { type: 'object', properties: { error: { type: 'string', example: 'bad' } } },
              },
            },
          },
        },
      },
      definitions: {
        Pet: {
          type: 'object',
          required: ['name'],
          properties: { id: { type: 'integer' }, name: { type: 'string', example: 'Rex' } },
        },
      },
    };
    const [op] = readOpenApi(swagger) ?? [];
    expect(op).toMatchObject({
      method: 'POST',
      path: '/pets',
      id: 'addPet',
      body: { name: 'Rex' },
      expectStatus: 201,
      expectSchema: { type: 'object', required: ['name'] },
    });
    expect(op?.responses).toEqual([
      { status: 201, description: 'Created', body: { id: 7, name: 'Rex' } },
      { status: 400, description: 'Bad pet', body: { error: 'bad' } },
    ]);
  });

  it('is not fooled by documents that are not OpenAPI', () => {
    expect(readOpenApi({ paths: {} })).toBeUndefined();
    expect(readOpenApi('openapi: 3')).toBeUndefined();
    expect(readOpenApi(null)).toBeUndefined();
  });

  it('stops at a $ref cycle instead of recursing forever', () => {
    const cyclic = {
      openapi: '3.0.0',
      paths: {
        '/n': {
          get: {
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } },
              },
            },
          },
        },
      },
      components: {
        schemas: { Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } } },
      },
    };
    expect(readOpenApi(cyclic)?.[0]?.expectSchema).toEqual({ type: 'object', properties: { next: {} } });
  });
});

describe('cards from OpenAPI', () => {
  it('carry the success schema and status; a path parameter nothing creates is a value from the environment, marked TODO', () => {
    const [token, account] = readOpenApi(doc) ?? [];
    if (!token || !account) return expect.fail('two operations');
    const tokenCard = parseCard(writeCard(token, 'youhodler-auth.yaml', '2026-11-23'), 'issue-access-token.md');
    expect(tokenCard.diagnostics).toEqual([]);
    expect(tokenCard.card?.expect).toMatchObject({
      status: [200],
      schema: { type: 'object', required: ['access_token', 'token_type', 'expires_in'] },
    });
    expect(tokenCard.card?.request?.body).toMatchObject({ client_secret: '{{env.CLIENT_SECRET}}' });
    const accountCard = parseCard(writeCard(account, 'youhodler-auth.yaml', '2026-11-23'), 'get-service-account.md');
    expect(accountCard.card?.request).toMatchObject({
      method: 'GET',
      path: '/service-accounts/{{resolved.id}}',
      headers: { Authorization: '{{env.YOUHODLER_AUTHORIZATION}}' },
    });
    expect(accountCard.diagnostics).toEqual([]);
    expect(accountCard.card?.uidFields[0]).toMatchObject({ name: 'id', source: { kind: 'value' } });
    return undefined;
  });
});

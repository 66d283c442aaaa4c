import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCard } from '../card/parse-card.js';
import type { JsonObject } from '../core/json.js';
import { readOpenApi } from './openapi.js';
import { profileForHeaders, securityFor } from './openapi-security.js';
import { sampleValue } from './openapi-values.js';
import { writeCard } from './write-card.js';

const petstore = parse(
  readFileSync(new URL('../../fixtures/openapi/petstore.yaml', import.meta.url), 'utf8'),
) as JsonObject;
const op = (id: string) => readOpenApi(petstore)?.find((o) => o.id === id);

describe('values for required fields', () => {
  it('takes example, default, enum, then a generator by format, type and name; secrets come from the environment', () => {
    expect(sampleValue({ type: 'integer', example: 7, default: 3 }, 'n', 'P').value).toBe(7);
    expect(sampleValue({ type: 'integer', default: 3, minimum: 1 }, 'n', 'P').value).toBe(3);
    expect(sampleValue({ type: 'string', enum: ['a', 'b'] }, 's', 'P').value).toBe('a');
    expect(sampleValue({ type: 'integer', minimum: 5 }, 'n', 'P').value).toBe(5);
    expect(sampleValue({ type: 'string', format: 'email' }, 'contact', 'P').value).toBe('{{faker.internet.email}}');
    expect(sampleValue({ type: 'string', format: 'uuid' }, 'ref', 'P').value).toBe('{{uuid}}');
    expect(sampleValue({ type: 'string' }, 'username', 'P').value).toBe('{{faker.internet.username}}');
    expect(sampleValue({ type: 'string', minLength: 5 }, 'note', 'P').value).toBe('{{faker.lorem.words}}');
    expect(sampleValue({ type: 'string', format: 'password' }, 'pin', 'PETSTORE')).toEqual({
      value: '{{env.PETSTORE_PIN}}',
      env: 'PETSTORE_PIN',
    });
    expect(sampleValue({ type: 'string' }, 'client_secret', 'P').env).toBe('P_CLIENT_SECRET');
    expect(
      sampleValue(
        {
          type: 'object',
          required: ['name', 'tags'],
          properties: {
            name: { type: 'string' },
            tags: { type: 'array', minItems: 1, items: { type: 'string', enum: ['x'] } },
            note: { type: 'string' },
            color: { type: 'string', example: 'red' },
          },
        },
        '',
        'P',
      ).value,
    ).toEqual({ name: '{{faker.person.firstName}}', tags: ['x'], color: 'red' });
    // allOf parts are merged; of oneOf/anyOf, the first choice is built.
    const base = { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } };
    expect(
      sampleValue({ allOf: [base, { required: ['kind'], properties: { kind: { enum: ['cat'] } } }] }, '', 'P').value,
    ).toEqual({ id: 1, kind: 'cat' });
    expect(sampleValue({ oneOf: [{ type: 'string', format: 'email' }, { type: 'integer' }] }, 'x', 'P').value).toBe(
      '{{faker.internet.email}}',
    );
  });
});

describe('security schemes', () => {
  it('become env credentials named after the API and the scheme, or the one config profile that does the same', () => {
    const inventory = op('getInventory')?.openapi;
    expect(inventory?.headers).toEqual({ 'X-API-Key': '{{env.PETSTORE_API_KEY}}' });
    expect(inventory?.credentials).toEqual([
      {
        name: 'PETSTORE_API_KEY',
        scheme: 'api_key',
        profile: 'petstore-api-key: { type: headers, headers: { X-API-Key: "{{env.PETSTORE_API_KEY}}" } }',
      },
    ]);
    expect(op('placeOrder')?.openapi?.headers).toEqual({ Authorization: 'Bearer {{env.PETSTORE_AUTH}}' });
    expect(op('getHealth')?.openapi?.headers).toBeUndefined();
    const profiles = {
      store: { type: 'headers' as const, headers: { 'x-api-key': '{{env.K}}' } },
      oauth: {
        type: 'oauth2-client-credentials' as const,
        tokenPath: '/oauth/token',
        clientId: 'a',
        clientSecret: 'b',
        clientAuth: 'basic' as const,
      },
    };
    expect(securityFor(petstore, { security: [{ api_key: [] }] }, 'PETSTORE', profiles)?.profile).toBe('store');
    expect(securityFor(petstore, { security: [{ petstore_auth: [] }] }, 'PETSTORE', profiles)?.profile).toBe('oauth');
    // Two bearer profiles: neither is chosen.
    const two = { a: { type: 'bearer' as const, token: 'x' }, b: { type: 'bearer' as const, token: 'y' } };
    expect(securityFor(petstore, {}, 'PETSTORE', two)?.headers).toEqual({
      Authorization: 'Bearer {{env.PETSTORE_BEARER_AUTH}}',
    });
    const basic = {
      openapi: '3.0.0',
      paths: {},
      components: { securitySchemes: { login: { type: 'http', scheme: 'basic' } } },
    };
    expect(securityFor(basic, { security: [{ login: [] }] }, 'SHOP')?.basic).toEqual({
      username: '{{env.SHOP_LOGIN_USERNAME}}',
      password: '{{env.SHOP_LOGIN_PASSWORD}}',
    });
    expect(securityFor(basic, { security: [{}] }, 'SHOP')).toBeUndefined();
    // Swagger 2: the base URL from scheme, host and basePath; an `application` flow is client credentials.
    const swagger = {
      swagger: '2.0',
      host: 'api.shop.example',
      basePath: '/v2',
      schemes: ['https'],
      securityDefinitions: {
        oauth: { type: 'oauth2', flow: 'application', tokenUrl: 'https://auth.shop.example/token' },
      },
      security: [{ oauth: [] }],
      paths: { '/orders': { get: { responses: { '200': { description: 'ok' } } } } },
    };
    const [orders] = readOpenApi(swagger) ?? [];
    expect(orders?.openapi?.server).toBe('https://api.shop.example/v2');
    expect(orders?.openapi?.credentials[0]?.profile).toBe(
      'api-oauth: { type: oauth2-client-credentials, tokenPath: /token, clientId: "{{env.API_OAUTH_CLIENT_ID}}", clientSecret: "{{env.API_OAUTH_CLIENT_SECRET}}" }',
    );
    // A vendor page's header parameters: the profile sending exactly those, the API's first.
    const pair = { type: 'headers' as const, headers: { 'X-Auth-Token': 't', 'X-User-Id': 'u' } };
    const config = { admin: pair, limited: pair, key: profiles.store, bearer: two.a };
    expect(profileForHeaders(['x-user-id', 'X-Auth-Token'], config)).toBeUndefined();
    expect(profileForHeaders(['X-Auth-Token', 'X-User-Id'], config, ['admin'])).toBe('admin');
    expect(profileForHeaders(['X-Auth-Token'], config)).toBeUndefined();
    expect(profileForHeaders(['Authorization'], config)).toBe('bearer');
  });
});

describe('path parameters', () => {
  it("are created through the collection's POST, nested ones in order, and removed through the item's DELETE", () => {
    expect(op('deletePetPhoto')?.openapi?.uid).toMatchObject({
      petId: {
        create: { method: 'POST', path: '/pets', body: { status: 'available' } },
        extract_from: 'id',
        cleanup: { method: 'DELETE', path: '/pets/{{resolved.petId}}' },
      },
      photoId: {
        create: { method: 'POST', path: '/pets/{{resolved.petId}}/photos', body: { caption: 'At the park' } },
        extract_from: 'id',
        cleanup: { method: 'DELETE', path: '/pets/{{resolved.petId}}/photos/{{resolved.photoId}}' },
      },
    });
    // The user's id is its username: the POST /users response names it.
    expect(op('getUserByName')?.openapi?.uid).toMatchObject({ username: { extract_from: 'username' } });
    expect(op('createUser')?.openapi?.cleanup).toMatchObject({
      method: 'DELETE',
      path: '/users/{{response.username}}',
    });
    expect(op('updatePet')?.openapi).toMatchObject({ cleanup: null, cleanupNote: expect.stringContaining('UID step') });
    expect(op('getReport')?.openapi?.uid).toEqual({
      reportId: {
        value: 'TODO: the reportId of an existing resource, or {{env.PETSTORE_REPORT_ID}}',
        notes: 'the document has no POST or GET /reports that gives one',
      },
    });
  });

  it("else take the document's example, else the first item the collection's GET lists", () => {
    const list = {
      openapi: '3.0.0',
      paths: {
        '/sets/{set}/items': {
          get: {
            parameters: [
              { name: 'set', in: 'path', required: true, example: 'oa_citations', schema: { type: 'string' } },
            ],
            responses: {
              '200': {
                description: 'ok',
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      properties: { results: { type: 'array', items: { $ref: '#/components/schemas/Item' } } },
                    },
                  },
                },
              },
            },
          },
        },
        '/sets/{set}/items/{itemId}': { get: { responses: { '204': { description: 'ok' } } } },
      },
      components: { schemas: { Item: { type: 'object', properties: { itemId: { type: 'string' } } } } },
    };
    const [, item] = readOpenApi(list) ?? [];
    expect(item?.openapi?.uid).toEqual({
      set: { value: 'oa_citations', notes: "the document's example value" },
      itemId: {
        lookup: { method: 'GET', path: '/sets/{{resolved.set}}/items' },
        extract_from: 'results.itemId',
        notes: expect.stringContaining('the first GET /sets/{set}/items lists'),
      },
    });
  });

  it('declares each parameter of a segment holding several (`{base}...{head}`), and names env variables after the title', () => {
    const compare = {
      openapi: '3.0.0',
      info: { title: "GitHub's REST API" },
      paths: { '/compare/{base}...{head}': { get: { responses: { '200': { description: 'ok' } } } } },
    };
    expect(Object.keys(readOpenApi(compare)?.[0]?.openapi?.uid ?? {})).toEqual(['base', 'head']);
    expect(readOpenApi(compare)?.[0]?.openapi?.uid?.base).toMatchObject({
      value: 'TODO: the base of an existing resource, or {{env.GITHUB_BASE}}',
    });
  });

  it('sends a form body when the document gives one (an OAuth token request), secrets from the environment', () => {
    const token = {
      openapi: '3.0.0',
      info: { title: 'Acme' },
      paths: {
        '/oauth/token': {
          post: {
            requestBody: {
              content: {
                'application/x-www-form-urlencoded': {
                  schema: {
                    type: 'object',
                    required: ['grant_type', 'client_id', 'client_secret'],
                    properties: {
                      grant_type: { type: 'string', enum: ['client_credentials'] },
                      client_id: { type: 'string', example: 'acme-client' },
                      client_secret: { type: 'string' },
                      ttl: { type: 'integer', example: 60 },
                    },
                  },
                },
              },
            },
            responses: { '200': { description: 'ok' } },
          },
        },
      },
    };
    const [op] = readOpenApi(token) ?? [];
    expect(op?.body).toBeUndefined();
    expect(op?.openapi?.form).toEqual({
      grant_type: 'client_credentials',
      client_id: 'acme-client',
      client_secret: '{{env.ACME_CLIENT_SECRET}}',
      ttl: '60',
    });
    if (!op) return;
    const card = parseCard(writeCard(op, 'acme.yaml', '2026-12-02'), 'token.md');
    expect(card.diagnostics).toEqual([]);
    expect(card.card?.request?.form).toMatchObject({ client_secret: '{{env.ACME_CLIENT_SECRET}}' });
  });

  it('keeps required query parameters and tags as the domain', () => {
    expect(op('listPets')?.openapi).toMatchObject({ query: { limit: 20 }, domain: 'pets' });
    expect(op('findPetsByStatus')?.openapi?.query).toEqual({ status: 'available' });
    expect(op('loginUser')?.openapi?.query).toEqual({
      username: '{{faker.internet.username}}',
      password: '{{env.PETSTORE_PASSWORD}}',
    });
  });
});

import formbody from '@fastify/formbody';
import { Ajv } from 'ajv';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import { resolveApiOptions } from '../credentials.js';
import { describeSandbox } from '../describe.js';
import { MOUNTS, registerApis } from '../mounts.js';
import { startSandbox } from '../server.js';
import { SandboxStats } from '../stats.js';
import type { OpenApiDocument } from './document.js';
import { OPENAPI_DOCUMENTS, OPENAPI_PATH } from './documents.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every `$ref` in the document with where it is, e.g. `paths./x.get.responses.400`. */
function refs(v: Json, at: string, out: { at: string; ref: string }[] = []): { at: string; ref: string }[] {
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) refs(x, `${at}[${i}]`, out);
  } else if (isObject(v))
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') out.push({ at, ref: x });
      else refs(x, `${at}.${k}`, out);
    }
  return out;
}

/** The value a local `#/a/b` pointer names, or undefined. */
function resolve(doc: OpenApiDocument, ref: string): Json {
  if (!ref.startsWith('#/')) return undefined;
  let node: Json = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[key] : undefined;
  }
  return node;
}

/** What is wrong with the document's structure (a light OpenAPI 3.0 check), one line each. */
function problems(doc: OpenApiDocument): string[] {
  const out: string[] = [];
  if (typeof doc.openapi !== 'string' || !/^3\.0\.\d+$/.test(doc.openapi)) out.push('openapi: not 3.0.x');
  const info = isObject(doc.info) ? doc.info : {};
  if (typeof info.title !== 'string' || typeof info.version !== 'string') out.push('info: needs title and version');
  if (!isObject(doc.paths) || Object.keys(doc.paths).length === 0) out.push('paths: none');
  const schemes =
    isObject(doc.components) && isObject(doc.components.securitySchemes) ? doc.components.securitySchemes : {};
  const operationIds = new Set<string>();
  const checkSecurity = (security: Json, at: string) => {
    if (security === undefined) return;
    if (!Array.isArray(security)) return void out.push(`${at}.security: not a list`);
    for (const req of security)
      for (const name of Object.keys(isObject(req) ? req : {}))
        if (!(name in schemes)) out.push(`${at}.security: scheme ${name} is not in components.securitySchemes`);
  };
  checkSecurity(doc.security, 'document');
  for (const [p, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    if (!p.startsWith('/')) out.push(`paths.${p}: does not start with /`);
    if (!isObject(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of Object.keys(item).filter((k) => METHODS.includes(k))) {
      const op = item[method];
      const at = `paths.${p}.${method}`;
      if (!isObject(op)) continue;
      if (typeof op.operationId !== 'string' || operationIds.has(op.operationId))
        out.push(`${at}: operationId missing or not unique`);
      else operationIds.add(op.operationId);
      if (!isObject(op.responses) || Object.keys(op.responses).length === 0) out.push(`${at}: no responses`);
      checkSecurity(op.security, at);
      const params = [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])].filter(isObject);
      for (const name of [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]))
        if (!params.some((x) => x.in === 'path' && x.name === name && x.required === true))
          out.push(`${at}: path parameter ${name} is not declared (required, in: path)`);
      const body = op.requestBody;
      if (isObject(body) && isObject(body.content))
        for (const [type, media] of Object.entries(body.content))
          if (!isObject(media) || !isObject(media.schema)) out.push(`${at}.requestBody.${type}: no schema`);
    }
  }
  for (const { at, ref } of refs(doc, 'document'))
    if (resolve(doc, ref) === undefined) out.push(`${at}: $ref ${ref} does not resolve`);
  return out;
}

/** `METHOD /path` of every route the APIs register, `:id` written `{}`; HEAD routes fastify adds are left out. */
async function registeredRoutes(): Promise<string[]> {
  const app = Fastify({ logger: false });
  await app.register(formbody);
  const routes: string[] = [];
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push(`${m} ${r.url.replace(/:[^/]+/g, '{}')}`);
  });
  await registerApis(app, {
    options: resolveApiOptions({}),
    stats: new SandboxStats(),
    clock: systemClock,
    standardsBreaks: [],
  });
  await app.ready();
  await app.close();
  return routes;
}

/** `METHOD /prefix/path` of every operation a document describes, `{param}` written `{}`. */
function describedRoutes(prefix: string, doc: OpenApiDocument): string[] {
  return Object.entries(isObject(doc.paths) ? doc.paths : {}).flatMap(([p, item]) =>
    Object.keys(isObject(item) ? item : {})
      .filter((k) => METHODS.includes(k))
      .map((m) => `${m.toUpperCase()} ${prefix}${p.replace(/\{[^}]+\}/g, '{}')}`),
  );
}

/** The node with every local `$ref` replaced by what it names (the documents have no cycles). */
function inline(doc: OpenApiDocument, node: Json): Json {
  if (Array.isArray(node)) return node.map((x) => inline(doc, x));
  if (!isObject(node)) return node;
  if (typeof node.$ref === 'string') return inline(doc, resolve(doc, node.$ref));
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(doc, v)]));
}

/** A request body holding each required field of the operation's first body type (enum's first, else a placeholder). */
function minimalBody(doc: OpenApiDocument, op: Record<string, Json>): RequestInit {
  const body = inline(doc, op.requestBody);
  const content = isObject(body) && isObject(body.content) ? body.content : {};
  const [type, media] = Object.entries(content)[0] ?? [];
  if (!type || !isObject(media)) return {};
  const schema = isObject(media.schema) ? media.schema : {};
  const props = isObject(schema.properties) ? schema.properties : {};
  const fields = (Array.isArray(schema.required) ? schema.required : []).map((k) => {
    const p = isObject(props[String(k)]) ? (props[String(k)] as Record<string, Json>) : {};
    const value = Array.isArray(p.enum) ? p.enum[0] : p.type === 'array' ? ['https://client.example/cb'] : 'x';
    return [String(k), value] as const;
  });
  const text =
    type === 'application/x-www-form-urlencoded'
      ? new URLSearchParams(fields.map(([k, v]): [string, string] => [k, String(v)])).toString()
      : JSON.stringify(Object.fromEntries(fields));
  return { headers: { 'content-type': type }, body: text };
}

/** Every operation whose first security alternative asks for credentials: `[METHOD, path, a request without them, its 401 schema]`. */
function securedOperations(doc: OpenApiDocument): [string, string, RequestInit, Json][] {
  const paths = isObject(doc.paths) ? doc.paths : {};
  return Object.entries(paths).flatMap(([p, item]) =>
    Object.entries(isObject(item) ? item : {}).flatMap(([method, op]): [string, string, RequestInit, Json][] => {
      if (!METHODS.includes(method) || !isObject(op)) return [];
      const security = Array.isArray(op.security) ? op.security : Array.isArray(doc.security) ? doc.security : [];
      const first = security[0];
      if (!isObject(first) || Object.keys(first).length === 0) return [];
      const response = inline(doc, isObject(op.responses) ? op.responses['401'] : undefined);
      const content = isObject(response) && isObject(response.content) ? response.content : {};
      const media = content['application/json'];
      return [[method.toUpperCase(), p, minimalBody(doc, op), isObject(media) ? media.schema : undefined]];
    }),
  );
}

/** APIs the sandbox mounts that serve no description yet. */
const NOT_DESCRIBED_YET: string[] = [];
const DESCRIBED = MOUNTS.filter((m) => OPENAPI_DOCUMENTS[m.name]);

describe('the OpenAPI descriptions the sandbox serves', () => {
  it('exist for every mounted API but those listed as not described yet', () => {
    const missing = MOUNTS.filter((m) => !OPENAPI_DOCUMENTS[m.name]).map((m) => m.name);
    // A new API gets src/sandbox/openapi/<name>.ts, named in OPENAPI_DOCUMENTS, and leaves this list.
    expect(missing).toEqual(NOT_DESCRIBED_YET);
  });

  it.each(DESCRIBED.map((m) => [m.name] as const))('%s: is OpenAPI 3.0 in structure, every $ref resolves', (name) => {
    const doc = OPENAPI_DOCUMENTS[name];
    expect(doc).toBeDefined();
    expect(problems(doc ?? {})).toEqual([]);
  });

  it('the light check finds what it is for', () => {
    expect(
      problems({
        openapi: '2.0',
        info: {},
        security: [{ nope: [] }],
        paths: { '/a/{id}': { get: { responses: { '200': { $ref: '#/components/responses/Gone' } } } } },
      }),
    ).toEqual([
      'openapi: not 3.0.x',
      'info: needs title and version',
      'document.security: scheme nope is not in components.securitySchemes',
      'paths./a/{id}.get: operationId missing or not unique',
      'paths./a/{id}.get: path parameter id is not declared (required, in: path)',
      'document.paths./a/{id}.get.responses.200: $ref #/components/responses/Gone does not resolve',
    ]);
  });

  it('describe every route the sandbox registers, and nothing it does not', async () => {
    const describedPrefixes = DESCRIBED.map((m) => `${m.prefix}/`);
    const registered = (await registeredRoutes())
      .filter((r) => describedPrefixes.some((p) => r.split(' ')[1]?.startsWith(p)))
      .sort();
    const described = MOUNTS.flatMap((m) => {
      const doc = OPENAPI_DOCUMENTS[m.name];
      return doc ? describedRoutes(m.prefix, doc) : [];
    }).sort();
    expect(registered.length).toBeGreaterThan(0);
    expect(described).toEqual(registered);
  });

  it('describe the 401 the sandbox sends to each operation without credentials, body and all', async () => {
    const sandbox = await startSandbox();
    const ajv = new Ajv({ strict: false, allErrors: true });
    try {
      for (const m of DESCRIBED) {
        const doc = OPENAPI_DOCUMENTS[m.name] ?? {};
        const secured = securedOperations(doc);
        expect(secured.length, m.name).toBeGreaterThan(0);
        for (const [method, p, request, schema] of secured) {
          const url = `${sandbox.apis[m.name]}${p.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000')}`;
          const res = await fetch(url, { method, ...request });
          const at = `${m.name} ${method} ${p}`;
          expect(res.status, at).toBe(401);
          expect(schema, `${at}: no application/json schema for 401`).toBeDefined();
          const validate = ajv.compile(schema as object);
          expect(validate(await res.json()) ? [] : validate.errors, at).toEqual([]);
        }
      }
    } finally {
      await sandbox.close();
    }
  });

  it('are served at <api base>/openapi.json, with the base URL as the server', async () => {
    const sandbox = await startSandbox();
    try {
      for (const m of DESCRIBED) {
        const base = sandbox.apis[m.name];
        const res = await fetch(`${base}${OPENAPI_PATH}`);
        expect(res.status, m.name).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        const body = (await res.json()) as OpenApiDocument;
        expect(body).toEqual({ ...OPENAPI_DOCUMENTS[m.name], servers: [{ url: base }] });
      }
      // `cardcheck sandbox` says where they are.
      expect(describeSandbox(sandbox)).toContain(
        "  openapi     each API's OpenAPI description at its URL + /openapi.json",
      );
    } finally {
      await sandbox.close();
    }
  });
});

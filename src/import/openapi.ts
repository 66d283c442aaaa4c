import type { AuthProfile } from '../core/config.js';
import type { JsonObject, JsonValue } from '../core/json.js';
import { isJsonObject } from '../core/json.js';
import { valueAtPointer } from '../util/json-pointer.js';
import type { AuthDraft } from './openapi-security.js';
import { prefixed, securityFor } from './openapi-security.js';
import type { OperationRef } from './openapi-uid.js';
import { createdCleanup, pathFields } from './openapi-uid.js';
import { envName, sampleValue } from './openapi-values.js';
import type { OpenApiExtras, VendorEndpoint } from './vendor-page.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const str = (v: JsonValue | undefined) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const obj = (v: JsonValue | undefined): JsonObject | undefined => (isJsonObject(v) ? v : undefined);

/**
 * A schema as the card's Expected Response holds it: local `$ref`s inlined (a
 * cycle stops at `{}`), OpenAPI 3.0's `nullable: true` as a `null` type, and
 * keywords JSON Schema has no use for (`example`, `xml`, `discriminator`…) kept
 * as they are (the validator ignores them).
 */
function jsonSchema(doc: JsonObject, schema: JsonValue, seen: readonly string[] = []): JsonValue {
  if (Array.isArray(schema)) return schema.map((s) => jsonSchema(doc, s, seen));
  if (!isJsonObject(schema)) return schema;
  const ref = str(schema.$ref);
  if (ref?.startsWith('#'))
    return seen.includes(ref)
      ? {}
      : jsonSchema(doc, (valueAtPointer(doc, ref.slice(1), true) as JsonValue | undefined) ?? {}, [...seen, ref]);
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(schema)) if (k !== 'nullable') out[k] = jsonSchema(doc, v, seen);
  if (schema.nullable === true && typeof schema.type === 'string') out.type = [schema.type, 'null'];
  return out;
}

/** A request or response example: `example`, else the first of `examples`, else one built from the schema's own examples. */
function exampleOf(doc: JsonObject, media: JsonObject | undefined): JsonValue | undefined {
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const first = Object.values(obj(media.examples) ?? {})[0];
  if (first !== undefined) return isJsonObject(first) && 'value' in first ? first.value : first;
  const schema = jsonSchema(doc, media.schema ?? null);
  return fromSchema(schema, 0);
}

/** An example built from `example`/`default`/`enum` values in a schema; undefined when it gives none. */
function fromSchema(schema: JsonValue, depth: number): JsonValue | undefined {
  if (!isJsonObject(schema) || depth > 8) return undefined;
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  const props = obj(schema.properties);
  if (!props) return undefined;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(props)) {
    const x = fromSchema(v, depth + 1);
    if (x !== undefined) out[k] = x;
  }
  return Object.keys(out).length ? out : undefined;
}

const jsonMedia = (content: JsonValue | undefined) => {
  const c = obj(content);
  if (!c) return undefined;
  const key = Object.keys(c).find((k) => /json/i.test(k));
  return key ? obj(c[key]) : undefined;
};

/** One operation as the document gives it, with the path item's parameters joined to its own ($refs inlined). */
interface RawOperation {
  method: string;
  path: string;
  op: JsonObject;
  params: JsonObject[];
}

function operationsOf(d: JsonObject): RawOperation[] {
  const out: RawOperation[] = [];
  for (const [path, item] of Object.entries(obj(d.paths) ?? {})) {
    if (!isJsonObject(item)) continue;
    for (const m of METHODS) {
      const op = obj(item[m]);
      if (!op) continue;
      const params = [
        ...(Array.isArray(item.parameters) ? item.parameters : []),
        ...(Array.isArray(op.parameters) ? op.parameters : []),
      ]
        .map((p) => obj(jsonSchema(d, p)))
        .filter((p): p is JsonObject => p !== undefined);
      out.push({ method: m.toUpperCase(), path, op, params });
    }
  }
  return out;
}

/** A form body (`application/x-www-form-urlencoded`, an OAuth token request's): its example, else its required fields filled, as text. */
function formBody(d: JsonObject, o: RawOperation, prefix: string): Record<string, string> | undefined {
  const content = obj(obj(jsonSchema(d, o.op.requestBody ?? null))?.content);
  const media = obj(content?.['application/x-www-form-urlencoded']);
  if (!media || jsonMedia(content)) return undefined;
  const value = isJsonObject(media.example) ? media.example : sampleValue(media.schema, '', prefix).value;
  if (!isJsonObject(value)) return undefined;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as [string, string]),
  );
}

/** The request body: the document's example, else one with every required field filled (Swagger 2: the body parameter's schema). */
function requestBody(d: JsonObject, o: RawOperation, prefix: string): JsonValue | undefined {
  const bodyParam = o.params.find((p) => p.in === 'body');
  if (bodyParam) return sampleValue(jsonSchema(d, bodyParam.schema ?? null), '', prefix).value;
  const media = jsonMedia(obj(jsonSchema(d, o.op.requestBody ?? null))?.content);
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const first = Object.values(obj(media.examples) ?? {})[0];
  if (first !== undefined) return isJsonObject(first) && 'value' in first ? first.value : first;
  return media.schema === undefined ? undefined : sampleValue(jsonSchema(d, media.schema), '', prefix).value;
}

/** The documented responses: the first 2xx with its schema, and every example. */
function responsesOf(d: JsonObject, op: JsonObject) {
  const responses: VendorEndpoint['responses'] = [];
  let expectSchema: JsonValue | undefined;
  let success: number | undefined;
  for (const [code, raw] of Object.entries(obj(op.responses) ?? {})) {
    if (!/^[1-5]\d\d$/.test(code)) continue;
    const res = obj(jsonSchema(d, raw));
    // OpenAPI 3 puts schema and example under `content`; Swagger 2 beside the description.
    const swaggerExample = obj(res?.examples)?.['application/json'];
    const media =
      jsonMedia(res?.content) ??
      (res?.schema !== undefined
        ? { schema: res.schema, ...(swaggerExample !== undefined ? { example: swaggerExample } : {}) }
        : undefined);
    const status = Number(code);
    if (success === undefined && status >= 200 && status < 300) {
      success = status;
      if (media?.schema !== undefined) expectSchema = jsonSchema(d, media.schema);
    }
    const example = exampleOf(d, media);
    if (example !== undefined)
      responses.push({ status, description: str(res?.description)?.split('\n')[0] ?? '', body: example });
  }
  return { responses, success, expectSchema };
}

/** Values for the required query and header parameters (credentials set by the security scheme win). */
function requiredParams(o: RawOperation, prefix: string, auth: AuthDraft | undefined) {
  const query: Record<string, JsonValue> = { ...auth?.query };
  const headers: Record<string, string> = { ...auth?.headers };
  for (const p of o.params) {
    if (p.required !== true || typeof p.name !== 'string') continue;
    const given = givenValue(p);
    const sample = given !== undefined ? { value: given } : sampleValue(obj(p.schema) ?? p, p.name, prefix);
    if (p.in === 'query' && !(p.name in query)) query[p.name] = sample.value;
    // A header the document gives no value for is the author's to set (a tenant id, a signature…).
    if (p.in === 'header' && !Object.keys(headers).some((h) => h.toLowerCase() === String(p.name).toLowerCase()))
      headers[p.name] = given !== undefined ? String(given) : `{{env.${prefixed(prefix, p.name)}}}`;
  }
  return { query, headers };
}

/** The value a parameter's `example`, `default` or first `enum` gives; undefined when none does. */
function givenValue(p: JsonObject): JsonValue | undefined {
  const schema = obj(p.schema) ?? p;
  return p.example ?? schema.example ?? schema.default ?? (Array.isArray(schema.enum) ? schema.enum[0] : undefined);
}

/** The path parameters the document gives a value for. */
const givenPathValues = (o: RawOperation) =>
  Object.fromEntries(
    o.params.flatMap((p) => {
      const v = p.in === 'path' && typeof p.name === 'string' ? givenValue(p) : undefined;
      return v === undefined ? [] : [[p.name as string, v]];
    }),
  );

/** A PUT or PATCH, or a POST to an action of an item (no GET lists that path: `/accounts/{id}/disable`, not `/pets/{petId}/photos`). */
const changesCreated = (o: RawOperation, refs: readonly OperationRef[]) =>
  o.method === 'PUT' ||
  o.method === 'PATCH' ||
  (o.method === 'POST' && !refs.some((r) => r.method === 'GET' && r.path === o.path));

/** What the document adds to an operation's request beyond a vendor page's. */
function extrasOf(
  o: RawOperation,
  refs: readonly OperationRef[],
  ref: OperationRef,
  prefix: string,
  server: string | undefined,
) {
  const extras: OpenApiExtras = { credentials: ref.auth?.env ?? [] };
  if (ref.form) extras.form = ref.form;
  if (ref.query && Object.keys(ref.query).length) extras.query = ref.query;
  if (ref.headers && Object.keys(ref.headers).length) extras.headers = ref.headers;
  if (ref.auth?.basic) extras.basic = ref.auth.basic;
  if (ref.auth?.profile) extras.auth = ref.auth.profile;
  // A value another operation gives for a parameter of the same name counts too (`/sets/{set}` and `/sets/{set}/items`).
  const given = Object.assign({}, ...refs.map((r) => r.given), ref.given);
  const uid = pathFields(refs, o.path, prefix, given);
  if (Object.keys(uid).length) extras.uid = uid;
  const cleanup = o.method === 'POST' ? createdCleanup(refs, ref) : undefined;
  if (cleanup !== undefined) extras.cleanup = cleanup;
  else if (changesCreated(o, refs) && extras.uid) {
    // It changes or acts on what a UID step created (PUT /pets/{petId}, POST /accounts/{id}/disable): that step cleans up.
    extras.cleanup = null;
    extras.cleanupNote = 'changes the resource the UID step created, which that step removes';
  }
  const tag = Array.isArray(o.op.tags) ? str(o.op.tags[0]) : undefined;
  if (tag) extras.domain = tag;
  if (server) extras.server = server;
  return extras;
}

/** The base URL the document's paths are relative to: its first server, or Swagger 2's scheme, host and basePath. */
function serverOf(d: JsonObject): string | undefined {
  const first = Array.isArray(d.servers) ? obj(d.servers[0]) : undefined;
  if (typeof first?.url === 'string') return first.url;
  const host = str(d.host);
  if (!host) return undefined;
  const scheme = Array.isArray(d.schemes) ? (str(d.schemes[0]) ?? 'https') : 'https';
  return `${scheme}://${host}${str(d.basePath) ?? ''}`;
}

export interface OpenApiOptions {
  /** Env variables are named `<PREFIX>_…`; default: the first word of the document's title. */
  prefix?: string;
  /** The config's auth profiles, used for the security schemes they match. */
  profiles?: Record<string, AuthProfile>;
  /** The profiles of the API the cards call, chosen first. */
  preferred?: readonly string[];
}

/**
 * Every operation of an OpenAPI 3 (or Swagger 2) document as an endpoint to
 * draft a card from; undefined when `doc` is not one. Required parameters and
 * body fields get values, credentials come from the security schemes, each path
 * parameter gets a UID field, and the success status's schema is the card's.
 */
export function readOpenApi(doc: unknown, opts: OpenApiOptions = {}): VendorEndpoint[] | undefined {
  if (!isJsonObject(doc as JsonValue)) return undefined;
  const d = doc as JsonObject;
  if (typeof (d.openapi ?? d.swagger) !== 'string' || !isJsonObject(d.paths)) return undefined;
  const title = str(obj(d.info)?.title);
  const prefix = opts.prefix
    ? envName(opts.prefix)
    : envName((title?.split(/\s+/)[0] ?? 'api').toLowerCase().replace(/['’]s$/, '')) || 'API';
  const raw = operationsOf(d);
  const refs: OperationRef[] = raw.map((o) => {
    const auth = securityFor(d, o.op, prefix, opts.profiles, opts.preferred);
    return {
      method: o.method,
      path: o.path,
      body: requestBody(d, o, prefix),
      successSchema: responsesOf(d, o.op).expectSchema,
      auth,
      ...requiredParams(o, prefix, auth),
      given: givenPathValues(o),
      form: formBody(d, o, prefix),
    };
  });
  return raw.map((o, i) => {
    const ref = refs[i] as OperationRef;
    const { responses, success, expectSchema } = responsesOf(d, o.op);
    return {
      method: o.method,
      path: o.path,
      line: 1,
      id: str(o.op.operationId) ?? `${o.method.toLowerCase()} ${o.path}`,
      title: str(o.op.summary) ?? str(o.op.operationId) ?? `${o.method} ${o.path}`,
      source: title,
      body: ref.body,
      // Required header parameters by name (`cardcheck new --from-openapi` reads them); their values are in `openapi`.
      headers: o.params.flatMap((p) =>
        p.in === 'header' && p.required === true && typeof p.name === 'string' ? [p.name] : [],
      ),
      responses,
      expectStatus: success,
      expectSchema,
      openapi: extrasOf(o, refs, ref, prefix, serverOf(d)),
    };
  });
}

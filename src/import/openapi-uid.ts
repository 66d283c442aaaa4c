import type { JsonObject, JsonValue } from '../core/json.js';
import { isJsonObject } from '../core/json.js';
import type { AuthDraft } from './openapi-security.js';
import { prefixed } from './openapi-security.js';
import { combined } from './openapi-values.js';

/** One operation of the document, with what the UID steps need of it. */
export interface OperationRef {
  method: string;
  /** The path as the document writes it: `/pets/{petId}`. */
  path: string;
  /** Its required request body, built from the schema. */
  body?: JsonValue;
  /** Its success response's schema, `$ref`s inlined. */
  successSchema?: JsonValue;
  auth?: AuthDraft;
  /** Its required query parameters and headers, credentials included. */
  query?: Record<string, JsonValue>;
  headers?: Record<string, string>;
  /** Values the document gives for its path parameters (`example`, `default`, first `enum`). */
  given?: Record<string, JsonValue>;
  /** Its form body, when it sends one instead of JSON. */
  form?: Record<string, string>;
}

/** `/pets/{petId}/photos` → `/pets/{}/photos`: templates compared whatever their parameters are named. */
const shape = (p: string) => p.replace(/\{[^}]*\}/g, '{}').replace(/\/+$/, '');

/** `/pets/{petId}` → `/pets/{{resolved.petId}}`. */
export const cardPath = (p: string) =>
  p.replace(
    /\{([A-Za-z_][\w.-]*)\}|:([A-Za-z_]\w*)/g,
    (_m, a: string | undefined, b: string | undefined) => `{{resolved.${a ?? b}}}`,
  );

/**
 * Where the id of a created resource is in the create call's response: a
 * property named as the path parameter, else `id`, else the same one level
 * down (`data.id`). Undefined when the schema names neither.
 */
export function idPath(schema: JsonValue | undefined, param: string): string | undefined {
  const s = isJsonObject(schema) ? combined(schema) : undefined;
  const props = s && isJsonObject(s.properties) ? s.properties : undefined;
  if (!props) return undefined;
  for (const name of [param, 'id']) if (name in props) return name;
  for (const [k, v] of Object.entries(props)) {
    const inner = idPath(v, param);
    if (inner && !inner.includes('.')) return `${k}.${inner}`;
  }
  return undefined;
}

/** A request object for a UID step: method, path, and the operation's credentials. */
function stepRequest(method: string, path: string, op: OperationRef, body?: JsonValue): JsonObject {
  const req: JsonObject = { method, path };
  const auth = op.auth;
  if (auth?.profile) req.auth = auth.profile;
  if (op.query && Object.keys(op.query).length) req.query = op.query;
  if (op.headers && Object.keys(op.headers).length) req.headers = op.headers;
  if (auth?.basic) req.basic = auth.basic;
  if (body !== undefined) req.body = body;
  else if (op.form && method !== 'GET' && method !== 'DELETE') req.form = op.form;
  return req;
}

const itemDelete = (ops: readonly OperationRef[], collection: string) =>
  ops.find((o) => o.method === 'DELETE' && shape(o.path) === `${shape(collection)}/{}`);

/**
 * The cleanup of a POST that creates an item of its collection (`POST /users`):
 * the item's DELETE, with the id read from the response by the name of the
 * item's path parameter (`username`), else `id`.
 */
export function createdCleanup(ops: readonly OperationRef[], post: OperationRef): JsonValue | undefined {
  const del = itemDelete(ops, post.path);
  const param = del ? /\{([^}]+)\}$/.exec(del.path)?.[1] : undefined;
  const id = param ? idPath(post.successSchema, param) : undefined;
  return id ? itemCleanup(ops, post.path, `{{response.${id}}}`) : undefined;
}

/** The DELETE of the collection's item, as a cleanup with `id` (a placeholder) in the item's place. */
export function itemCleanup(ops: readonly OperationRef[], collection: string, id: string): JsonValue | undefined {
  const del = itemDelete(ops, collection);
  if (!del) return undefined;
  const req = stepRequest('DELETE', `${cardPath(collection)}/${id}`, del);
  return Object.keys(req).length === 2 ? `DELETE ${req.path}` : req;
}

/** Where the first item's id is in a list response: `id` in an array, `items.id` in an object holding one. */
function listIdPath(schema: JsonValue | undefined, param: string): string | undefined {
  const s = isJsonObject(schema) ? combined(schema) : undefined;
  if (!s) return undefined;
  if (s.type === 'array' || s.items !== undefined) return idPath(s.items, param);
  for (const [k, v] of Object.entries(isJsonObject(s.properties) ? s.properties : {})) {
    const inner = isJsonObject(v) && (v.type === 'array' || v.items !== undefined) ? idPath(v.items, param) : undefined;
    if (inner) return `${k}.${inner}`;
  }
  return undefined;
}

/** A lookup step: the collection's GET lists items whose response names the id; the first one is used. */
function lookupField(ops: readonly OperationRef[], collection: string, param: string): JsonObject | undefined {
  const list = ops.find((o) => o.method === 'GET' && shape(o.path) === shape(collection));
  const extract = list ? listIdPath(list.successSchema, param) : undefined;
  if (!list || !extract) return undefined;
  return {
    lookup: stepRequest('GET', cardPath(collection), list),
    extract_from: extract,
    notes: `an existing one, the first GET ${collection} lists: the document has no POST ${collection} whose response gives the id`,
  };
}

/** The create step for one path parameter, when the collection before it has a POST whose response names the id. */
function createField(ops: readonly OperationRef[], collection: string, param: string): JsonObject | undefined {
  const post = ops.find((o) => o.method === 'POST' && shape(o.path) === shape(collection));
  const extract = post ? idPath(post.successSchema, param) : undefined;
  if (!post || !extract) return undefined;
  const field: JsonObject = {
    create: stepRequest('POST', cardPath(collection), post, post.body),
    extract_from: extract,
  };
  const cleanup = itemCleanup(ops, collection, `{{resolved.${param}}}`);
  if (cleanup !== undefined) field.cleanup = cleanup;
  else field.cleanup_note = `the document has no DELETE ${collection}/{${param}}`;
  return field;
}

/**
 * A UID field for each path parameter of `path`: created through the POST of
 * the collection it belongs to (`POST /pets` for `/pets/{petId}`), read from
 * its response and removed through the item's DELETE; else the value the
 * document gives for it; else the first item the collection's GET lists; else
 * a TODO value, the author's to fill in.
 */
export function pathFields(
  ops: readonly OperationRef[],
  path: string,
  prefix: string,
  given: Record<string, JsonValue> = {},
): Record<string, JsonValue> {
  const uid: Record<string, JsonValue> = {};
  const segments = path.split('/');
  segments.forEach((segment, i) => {
    // A whole segment (`{petId}`, `:petId`) may be created or looked up; parts of one (`{base}...{head}`) only given.
    const whole = /^\{([^}]+)\}$/.exec(segment)?.[1] ?? /^:(\w+)$/.exec(segment)?.[1];
    const params = whole ? [whole] : [...segment.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    const collection = segments.slice(0, i).join('/');
    for (const param of params) {
      const found =
        (whole ? createField(ops, collection, param) : undefined) ??
        (given[param] !== undefined ? { value: given[param], notes: "the document's example value" } : undefined) ??
        (whole ? lookupField(ops, collection, param) : undefined);
      // A TODO value: `cardcheck lint` lists it at its line (todo-value) and the card is not sent until it is filled.
      uid[param] = found ?? {
        value: `TODO: the ${param} of an existing resource, or {{env.${prefixed(prefix, param)}}}`,
        notes: `the document has no POST or GET ${collection || '/'} that gives one`,
      };
    }
  });
  return uid;
}

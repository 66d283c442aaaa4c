import type { JsonValue } from '../core/json.js';

/** What a new card is written from: the command line, or an OpenAPI operation. */
export interface NewCardSpec {
  method: string;
  /** OpenAPI style: `/apps/{id}/keys`. */
  path: string;
  title?: string;
  /** An example request body (from the OpenAPI document); else a TODO for POST, PUT and PATCH. */
  body?: JsonValue;
  /** Required header parameters (from the OpenAPI document): each a TODO value. */
  headers?: string[];
  status?: number;
  schema?: JsonValue;
  /** Where the spec came from, for the card's summary. */
  from: string;
}

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** The path parameters of an endpoint path, in order. */
export const pathParams = (p: string): string[] => [...p.matchAll(/\{([^{}/]+)\}/g)].map((m) => m[1] as string);

/** The path with `{name}` as `{{resolved.name}}`, the card's form. */
const templated = (p: string) => p.replace(/\{([^{}/]+)\}/g, (_m, n: string) => `{{resolved.${n}}}`);

/** The file name of a card: `post-apps-id-keys.md`. */
export function cardFileName(method: string, p: string): string {
  const words = `${method} ${p}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${words}.md`;
}

/**
 * The folder new cards go to, relative to the config file: the folder the
 * config's `folders:` keys share (`specs/vcita`, `specs/youhodler` → `specs`), else `specs`.
 */
export function cardsFolder(folders: readonly string[]): string {
  const parts = folders.filter((f) => f !== '.').map((f) => f.split('/').filter(Boolean));
  const first = parts[0];
  if (!first) return 'specs';
  let n = 0;
  while (n < first.length && parts.every((p) => p[n] === first[n])) n++;
  // A single configured folder is itself the cards folder; several share their common parent.
  return first.slice(0, n).join('/') || 'specs';
}

/** The status a new card expects when nothing says: 201 for POST, 204 for DELETE, else 200. */
const defaultStatus = (method: string) => (method === 'POST' ? 201 : method === 'DELETE' ? 204 : 200);

/**
 * A UID field per path parameter: a fresh resource made by POST to the path
 * before the parameter (the collection), deleted afterwards; its body and where
 * its id is are TODOs.
 */
function uidFields(p: string): Record<string, JsonValue> {
  const fields: Record<string, JsonValue> = {};
  for (const name of pathParams(p)) {
    const collection = templated(p.slice(0, p.indexOf(`{${name}}`)).replace(/\/+$/, '')) || '/';
    fields[name] = {
      create_fresh: true,
      create_endpoint: `POST ${collection}`,
      create_body: { name: `TODO: the fields POST ${collection} needs` },
      extract_from: `TODO: where the response of POST ${collection} has the new ${name}, e.g. data.id`,
      cleanup_endpoint: `DELETE ${collection}/{{resolved.${name}}}`,
    };
  }
  return fields;
}

function requestOf(spec: NewCardSpec): Record<string, JsonValue> {
  const req: Record<string, JsonValue> = { method: spec.method, path: templated(spec.path) };
  if (spec.headers?.length)
    req.headers = Object.fromEntries(spec.headers.map((h) => [h, `TODO: the ${h} header value`]));
  if (spec.body !== undefined) req.body = spec.body;
  else if (WITH_BODY.has(spec.method)) req.body = { name: 'TODO: the request body fields' };
  if (spec.method === 'POST' || spec.method === 'PUT') {
    req.cleanup = null;
    req.cleanup_note =
      'TODO: a cleanup that deletes what this request creates ("cleanup": "DELETE …"), or say here why it creates nothing';
  }
  return req;
}

const json = (v: JsonValue) => JSON.stringify(v, null, 2);

/** A card skeleton: the endpoint, a UID stub per path parameter, a request template and an expectation. */
export function newCardText(spec: NewCardSpec): string {
  const params = pathParams(spec.path);
  const status = spec.status ?? defaultStatus(spec.method);
  const expected: Record<string, JsonValue> = { status };
  if (spec.schema !== undefined) expected.schema = spec.schema;
  else if (status !== 204) expected.schema = { type: 'object' };
  const uid = params.length
    ? [
        '## UID Resolution Procedure',
        '',
        '| Field | Source | Notes |',
        '|-------|--------|-------|',
        ...params.map((n) => `| ${n} | a fresh one, see the JSON below | deleted afterwards |`),
        '',
        '```json',
        json(uidFields(spec.path)),
        '```',
        '',
      ]
    : [];
  const lines = [
    '---',
    `endpoint: ${spec.method} ${spec.path}`,
    'status: success',
    '---',
    `# ${spec.title ?? `${spec.method} ${spec.path}`}`,
    '',
    '## Summary',
    `Written by \`cardcheck new\` from ${spec.from}. \`cardcheck lint\` lists the values`,
    'still to fill in (each starts with TODO); the card runs once none is left.',
    '',
    ...uid,
    '## Request Template',
    '',
    '```json',
    json(requestOf(spec)),
    '```',
    '',
    '## Expected Response',
    '',
    '```json',
    json(expected),
    '```',
  ];
  return `${lines.join('\n')}\n`;
}

import type { JsonObject, JsonValue } from '../core/json.js';
import { isJsonObject } from '../core/json.js';
import { valueAtPointer } from '../util/json-pointer.js';
import type { VendorEndpoint } from './vendor-page.js';

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

/**
 * Every operation of an OpenAPI 3 (or Swagger 2) document as an endpoint to
 * draft a card from; undefined when `doc` is not one. The success status's
 * response schema becomes the card's schema.
 */
export function readOpenApi(doc: unknown): VendorEndpoint[] | undefined {
  if (!isJsonObject(doc as JsonValue)) return undefined;
  const d = doc as JsonObject;
  if (typeof (d.openapi ?? d.swagger) !== 'string' || !isJsonObject(d.paths)) return undefined;
  const endpoints: VendorEndpoint[] = [];
  for (const [path, item] of Object.entries(d.paths)) {
    if (!isJsonObject(item)) continue;
    for (const m of METHODS) {
      const op = obj(item[m]);
      if (!op) continue;
      const method = m.toUpperCase();
      const params = [
        ...(Array.isArray(item.parameters) ? item.parameters : []),
        ...(Array.isArray(op.parameters) ? op.parameters : []),
      ]
        .map((p) => obj(jsonSchema(d, p)))
        .filter((p): p is JsonObject => p !== undefined);
      const headers = params
        .filter((p) => p.in === 'header' && p.required === true && typeof p.name === 'string')
        .map((p) => p.name as string);
      const bodyParam = params.find((p) => p.in === 'body');
      const body = bodyParam
        ? fromSchema(jsonSchema(d, bodyParam.schema ?? null), 0)
        : exampleOf(d, jsonMedia(obj(jsonSchema(d, op.requestBody ?? null))?.content));
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
      endpoints.push({
        method,
        path,
        line: 1,
        id: str(op.operationId) ?? `${m} ${path}`,
        title: str(op.summary) ?? str(op.operationId) ?? `${method} ${path}`,
        source: str(obj(d.info)?.title),
        body,
        headers,
        responses,
        expectStatus: success,
        expectSchema,
      });
    }
  }
  return endpoints;
}

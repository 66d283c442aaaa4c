import type { JsonObject, JsonValue } from '../core/json.js';
import { isJsonObject } from '../core/json.js';
import { SECRET_KEY } from '../core/redact.js';

/** `client_secret` → `CLIENT_SECRET`, `X-Auth-Token` → `X_AUTH_TOKEN`, `petId` → `PET_ID`. */
export const envName = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .toUpperCase();

/** What a value must be sent as: a literal or placeholder, and the env variable the author must set, when it needs one. */
export interface Sample {
  value: JsonValue;
  /** Set when the value is `{{env.NAME}}` the author must provide (a secret, or nothing to build it from). */
  env?: string;
}

const FORMATS: Record<string, string> = {
  email: '{{faker.internet.email}}',
  uri: '{{faker.internet.url}}',
  url: '{{faker.internet.url}}',
  hostname: '{{faker.internet.domainName}}',
  ipv4: '{{faker.internet.ipv4}}',
  ipv6: '{{faker.internet.ipv6}}',
  uuid: '{{uuid}}',
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
};

/** A faker expression for a string the schema says nothing more about, chosen by the field's name. */
function stringByName(name: string, schema: JsonObject): string {
  const n = name.toLowerCase();
  if (/e-?mail/.test(n)) return '{{faker.internet.email}}';
  if (/user(name)?$|login/.test(n)) return '{{faker.internet.username}}';
  if (/phone/.test(n)) return '{{faker.phone.number}}';
  if (/url|uri|link/.test(n)) return '{{faker.internet.url}}';
  if (/(^|_)name$|Name$/.test(name) || n === 'name') return '{{faker.person.firstName}}';
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  return min > 2 ? '{{faker.lorem.words}}' : '{{faker.lorem.word}}';
}

/**
 * A value for a required field or parameter: the schema's `example`, else
 * `default`, else the first `enum` value, else one built from its type and
 * format (a faker expression for strings, the minimum for numbers), with the
 * required fields of objects filled the same way. A secret-looking name
 * (`password`, `client_secret`) or `format: password` is taken from the
 * environment instead: `{{env.<PREFIX>_<NAME>}}`, for the author to set.
 */
export function sampleValue(schema: JsonValue | undefined, name: string, prefix: string, depth = 0): Sample {
  const s = combined(isJsonObject(schema) ? schema : {});
  if (s.format === 'password' || (SECRET_KEY.test(name) && (s.type ?? 'string') === 'string')) {
    const env = `${prefix}_${envName(name)}`;
    return { value: `{{env.${env}}}`, env };
  }
  if (s.example !== undefined) return { value: s.example };
  if (s.default !== undefined) return { value: s.default };
  if (Array.isArray(s.enum) && s.enum.length) return { value: s.enum[0] as JsonValue };
  if (Array.isArray(s.examples) && s.examples.length) return { value: s.examples[0] as JsonValue };
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'integer' || type === 'number') return { value: typeof s.minimum === 'number' ? s.minimum : 1 };
  if (type === 'boolean') return { value: true };
  if (type === 'array' || s.items !== undefined) {
    const min = typeof s.minItems === 'number' ? s.minItems : 0;
    return min > 0 ? { value: [sampleValue(s.items, name, prefix, depth + 1).value] } : { value: [] };
  }
  if (type === 'object' || isJsonObject(s.properties)) return requiredObject(s, prefix, depth);
  if (typeof s.format === 'string' && FORMATS[s.format]) return { value: FORMATS[s.format] as string };
  return { value: stringByName(name, s) };
}

/** `allOf` merged into one schema (properties and required fields of each part); `oneOf`/`anyOf`: the first choice. */
export function combined(s: JsonObject): JsonObject {
  const parts = [s, ...(Array.isArray(s.allOf) ? s.allOf.filter(isJsonObject) : [])];
  const choice = [s.oneOf, s.anyOf].find((c): c is JsonValue[] => Array.isArray(c) && c.length > 0)?.find(isJsonObject);
  if (choice) parts.push(choice);
  if (parts.length === 1) return s;
  const out: JsonObject = {};
  const properties: JsonObject = {};
  const required: JsonValue[] = [];
  for (const part of parts.map((p) => (p === s ? p : combined(p)))) {
    for (const [k, v] of Object.entries(part)) if (!['allOf', 'oneOf', 'anyOf'].includes(k)) out[k] ??= v;
    if (isJsonObject(part.properties)) Object.assign(properties, part.properties);
    if (Array.isArray(part.required)) required.push(...part.required);
  }
  if (Object.keys(properties).length) out.properties = properties;
  if (required.length) out.required = [...new Set(required)];
  return out;
}

/** An object with its required fields filled, and the optional ones that give an example value. */
function requiredObject(s: JsonObject, prefix: string, depth: number): Sample {
  const props = isJsonObject(s.properties) ? s.properties : {};
  const required = Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : [];
  const out: JsonObject = {};
  let env: string | undefined;
  if (depth > 8) return { value: out };
  for (const [k, v] of Object.entries(props)) {
    const given = isJsonObject(v) ? (v.example ?? v.default) : undefined;
    if (!required.includes(k) && given === undefined) continue;
    const sample = sampleValue(v, k, prefix, depth + 1);
    out[k] = sample.value;
    env ??= sample.env;
  }
  for (const k of required) if (!(k in out)) out[k] = sampleValue(undefined, k, prefix, depth + 1).value;
  return env ? { value: out, env } : { value: out };
}

/** Every `{{env.NAME}}` name in a value. */
export function envNamesIn(value: JsonValue | undefined): string[] {
  const text = JSON.stringify(value ?? null);
  return [...text.matchAll(/\{\{\s*env\.([A-Za-z_]\w*)\s*\}\}/g)].map((m) => m[1] as string);
}

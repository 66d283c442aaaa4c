import type { Faker } from '@faker-js/faker';
import { replacePlaceholders, solePlaceholder } from '../card/placeholders.js';
import { CardcheckError } from '../core/errors.js';
import type { JsonValue } from '../core/json.js';
import { readPath } from '../util/json-path.js';
import { classifyExpr } from './placeholder-expr.js';

/** Values another card produced, for `{{card.<id>.…}}`. */
export interface CardOutput {
  response: unknown;
  fields: ReadonlyMap<string, unknown>;
}

/** Values placeholders can take during one card execution. */
export interface RenderScope {
  /** One value per card execution. */
  timestamp: number;
  /** Seeded from the run seed and the card, so values replay with --seed. */
  faker: Faker;
  fields: ReadonlyMap<string, unknown>;
  env: Readonly<Record<string, string | undefined>>;
  response?: unknown;
  cards?: ReadonlyMap<string, CardOutput>;
  /** The card execution's PKCE proof key (RFC 7636), made when a placeholder first asks for it. */
  pkce?: { verifier: string; challenge: string };
  /** Leave a placeholder with no value as written instead of failing (for --dry-run). */
  lenient?: boolean;
}

/** A placeholder with no value when the request is built: `raw` is the placeholder as written. */
export function unresolvedValue(raw: string, detail = 'has no value at this point of the run'): CardcheckError {
  return new CardcheckError('value-unresolved', `${raw} ${detail}`, { raw });
}

function callFaker(faker: Faker, module: string, method: string, raw: string): unknown {
  const mod = (faker as unknown as Record<string, Record<string, unknown> | undefined>)[module];
  const fn = mod?.[method];
  if (typeof fn !== 'function') throw unresolvedValue(raw, 'is not a faker function');
  return (fn as () => unknown).call(mod);
}

function lookup(expr: string, raw: string, scope: RenderScope): unknown {
  const ref = classifyExpr(expr);
  let value: unknown;
  switch (ref.ns) {
    case 'timestamp':
      value = scope.timestamp;
      break;
    case 'uuid':
      value = scope.faker.string.uuid();
      break;
    case 'pkce':
      value = scope.pkce?.[ref.part];
      break;
    case 'faker':
      value = callFaker(scope.faker, ref.module, ref.method, raw);
      break;
    case 'field':
      value = scope.fields.get(ref.name);
      break;
    case 'env':
      value = scope.env[ref.name];
      break;
    case 'response':
      value = readPath(scope.response, ref.path);
      break;
    case 'card': {
      const out = scope.cards?.get(ref.id);
      const [kind, ...rest] = ref.path.split('.');
      value = !out
        ? undefined
        : kind === 'response'
          ? readPath(out.response, rest.join('.'))
          : out.fields.get(rest.join('.'));
      break;
    }
    default:
      value = undefined;
  }
  if (value === undefined) {
    if (scope.lenient) return raw;
    throw unresolvedValue(raw);
  }
  return value;
}

const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** Fill placeholders in a string. */
export function renderString(text: string, scope: RenderScope): string {
  return replacePlaceholders(text, (expr, raw) => asText(lookup(expr, raw, scope)));
}

/**
 * Fill placeholders in a JSON value. A string that is only a placeholder
 * takes the JSON type of its value (a number stays a number).
 */
export function renderJson(value: JsonValue, scope: RenderScope): JsonValue {
  if (typeof value === 'string') {
    const sole = solePlaceholder(value);
    return sole !== undefined ? (lookup(sole, value, scope) as JsonValue) : renderString(value, scope);
  }
  if (Array.isArray(value)) return value.map((v) => renderJson(v, scope));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderJson(v, scope)]));
  }
  return value;
}

/** Fill placeholders in a path; each substituted value is URL-encoded as a path segment. */
export function renderPath(path: string, scope: RenderScope): string {
  return replacePlaceholders(path, (expr, raw) => encodeURIComponent(asText(lookup(expr, raw, scope))));
}

export function renderRecord(rec: Record<string, string>, scope: RenderScope): Record<string, string> {
  return Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, renderString(v, scope)]));
}

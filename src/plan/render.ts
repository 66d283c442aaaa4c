import type { JsonValue } from '../core/json.js';
import { PLACEHOLDER } from '../card/placeholders.js';
import { readPath } from '../util/json-path.js';
import { classifyExpr } from './placeholder-expr.js';

/** Values placeholders can take during one card execution. */
export interface RenderScope {
  timestamp: number;
  fields: ReadonlyMap<string, unknown>;
  env: Readonly<Record<string, string | undefined>>;
  response?: unknown;
}

export class UnresolvedValueError extends Error {
  readonly code = 'unresolved-value';
  constructor(readonly raw: string) {
    super(`${raw} has no value at this point of the run`);
  }
}

function lookup(expr: string, raw: string, scope: RenderScope): unknown {
  const ref = classifyExpr(expr);
  let value: unknown;
  if (ref.ns === 'timestamp') value = scope.timestamp;
  else if (ref.ns === 'field') value = scope.fields.get(ref.name);
  else if (ref.ns === 'env') value = scope.env[ref.name];
  else if (ref.ns === 'response') value = readPath(scope.response, ref.path);
  if (value === undefined) throw new UnresolvedValueError(raw);
  return value;
}

const SOLE = /^\{\{\s*([^{}]*?)\s*\}\}$/;

/** Fill placeholders in a string. */
export function renderString(text: string, scope: RenderScope): string {
  return text.replace(PLACEHOLDER, (raw, expr: string) => {
    const v = lookup(expr, raw, scope);
    return typeof v === 'string' ? v : JSON.stringify(v);
  });
}

/**
 * Fill placeholders in a JSON value. A string that is only a placeholder
 * takes the JSON type of its value (a number stays a number).
 */
export function renderJson(value: JsonValue, scope: RenderScope): JsonValue {
  if (typeof value === 'string') {
    const sole = SOLE.exec(value);
    if (sole) {
      const v = lookup(sole[1] ?? '', value, scope);
      return (typeof v === 'object' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : String(v)) as JsonValue;
    }
    return renderString(value, scope);
  }
  if (Array.isArray(value)) return value.map((v) => renderJson(v, scope));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderJson(v, scope)]));
  }
  return value;
}

/** Fill placeholders in a path; each substituted value is URL-encoded as a path segment. */
export function renderPath(path: string, scope: RenderScope): string {
  return path.replace(PLACEHOLDER, (raw, expr: string) => {
    const v = lookup(expr, raw, scope);
    return encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v));
  });
}

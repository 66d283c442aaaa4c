import type { ApiName } from '../api-mount.js';

/** A response as a break sees it: JSON bodies parsed, anything else as text. */
export interface BreakableResponse {
  status: number;
  contentType: string;
  body: unknown;
}

export type BreakKind = 'drop-field' | 'retype-field' | 'status' | 'error-body' | 'html' | 'standard';

/**
 * A named mutation that makes one endpoint violate its documented contract.
 * It is applied to that endpoint's successful (2xx) JSON responses, only when enabled.
 */
export interface ContractBreak {
  /** Kebab-case, stable: `cardcheck sandbox --break NAME`. */
  name: string;
  api: ApiName;
  /** `METHOD /path` inside the API, in fastify syntax, e.g. `GET /platform/v1/apps/:id`. */
  route: string;
  kind: BreakKind;
  /** What a client sees, for `--list-breaks`. */
  description: string;
  /** A `standard` break: the OAuth standards rule it violates (applied by the oauth API, not `apply`). */
  rule?: { id: string; clause: string };
  apply(response: BreakableResponse): BreakableResponse;
}

/** The object at `path` (dot-separated) inside a JSON body, when there is one. */
export function objectAt(body: unknown, path: string): Record<string, unknown> | undefined {
  let node: unknown = body;
  for (const key of path.split('.').filter(Boolean)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'object' && node !== null && !Array.isArray(node)
    ? (node as Record<string, unknown>)
    : undefined;
}

/** A copy of a JSON body, so a break never edits state the handler still holds. */
export const cloneJson = (body: unknown): unknown => JSON.parse(JSON.stringify(body ?? null));

type FieldBreak = Pick<ContractBreak, 'name' | 'api' | 'route' | 'description'> & {
  /** Dot path of the object holding the field ('' for the body itself). */
  at: string;
  field: string;
};

/** A break that removes `field` from the object at `at` of the body. */
export function dropField(b: FieldBreak): ContractBreak {
  return {
    name: b.name,
    api: b.api,
    route: b.route,
    kind: 'drop-field',
    description: b.description,
    apply(res) {
      const body = cloneJson(res.body);
      delete objectAt(body, b.at)?.[b.field];
      return { ...res, body };
    },
  };
}

/** A break that sends `field` of the object at `at` as a string ("true", "3600") instead of its JSON type. */
export function fieldAsString(b: FieldBreak): ContractBreak {
  return {
    name: b.name,
    api: b.api,
    route: b.route,
    kind: 'retype-field',
    description: b.description,
    apply(res) {
      const body = cloneJson(res.body);
      const holder = objectAt(body, b.at);
      if (holder && b.field in holder) holder[b.field] = String(holder[b.field]);
      return { ...res, body };
    },
  };
}

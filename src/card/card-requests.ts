import type { Card, RequestSpec } from '../core/card.js';

/** One request a card writes, and where: the template (no step), its cleanup, or a UID field's step. */
export interface CardRequest {
  spec: RequestSpec;
  step?: 'create' | 'lookup' | 'cleanup';
  /** The UID field whose step it is; undefined for the template and its cleanup. */
  field?: string;
}

/** Every request a card writes: the template, its cleanup, then each UID field's create, lookup and cleanup steps. */
export function cardRequests(card: Card): CardRequest[] {
  const out: CardRequest[] = [];
  const add = (spec: RequestSpec | undefined, step?: CardRequest['step'], field?: string) => {
    if (spec) out.push({ spec, step, field });
  };
  add(card.request);
  add(card.request?.cleanup, 'cleanup');
  for (const f of card.uidFields) {
    const src = f.source;
    if (src.kind === 'create') add(src.create, 'create', f.name);
    if (src.kind === 'create' || src.kind === 'lookup') add(src.lookup, 'lookup', f.name);
    add(f.cleanup, 'cleanup', f.name);
  }
  return out;
}

/** What a request does, without where it was written: equal parts mean the same request. */
export function requestParts(r: RequestSpec): unknown[] {
  return [r.method, r.path, r.query, r.headers, r.body ?? null, r.form ?? null, r.basic ?? null, r.auth ?? null];
}

import { createHash } from 'node:crypto';
import type { Clock } from '../../clock.js';

/** A response exactly as it was sent: replays reuse these bytes. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  payload: string;
}

export type IdempotencyOutcome = { kind: 'fresh' | 'replay'; response: StoredResponse } | { kind: 'conflict' };

interface Entry {
  fingerprint: string;
  expiresAt: number;
  response: Promise<StoredResponse>;
}

/** Canonical JSON (sorted keys) so the same payload in another key order is still the same payload. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** What makes two requests "the same payload": the body and the client credentials sent with it. */
export function fingerprint(body: unknown, authorization: string | undefined): string {
  return createHash('sha256')
    .update(JSON.stringify([canonical(body ?? null), authorization ?? null]))
    .digest('hex');
}

/**
 * Idempotency-Key handling: the first response for a key is kept and replayed byte for byte;
 * the same key with another payload is a conflict. Transient answers (429, 5xx) are not kept,
 * so a retry with the same key is processed afresh.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  async run(key: string, print: string, compute: () => Promise<StoredResponse>): Promise<IdempotencyOutcome> {
    const existing = this.entries.get(key);
    if (existing && existing.expiresAt > this.clock()) {
      if (existing.fingerprint !== print) return { kind: 'conflict' };
      return { kind: 'replay', response: await existing.response };
    }
    const entry: Entry = { fingerprint: print, expiresAt: this.clock() + this.ttlMs, response: compute() };
    this.entries.set(key, entry);
    try {
      const response = await entry.response;
      if (response.status === 429 || response.status >= 500) this.dropIfCurrent(key, entry);
      return { kind: 'fresh', response };
    } catch (err) {
      this.dropIfCurrent(key, entry);
      throw err;
    }
  }

  private dropIfCurrent(key: string, entry: Entry): void {
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }
}

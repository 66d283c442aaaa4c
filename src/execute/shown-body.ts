import type { CardResult, RequestRecord } from '../core/result.js';
import { jsonTooDeep } from '../util/json-depth.js';

/** Recorded bodies are cut here, after redaction: a secret across the cut is blanked whole, never left in part. */
export const MAX_BODY = 64 * 1024;

/**
 * A response body as every report shows it: JSON pretty-printed when it
 * parses, the text as received otherwise. The engine redacts this text, the
 * one people read, not the one on the wire (escapes a pretty-printer would
 * decode are decoded before redaction sees them).
 */
export function shownBody(text: string): string {
  if (!/^\s*[[{]/.test(text) || jsonTooDeep(text)) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

const cut = (text: string | undefined) =>
  text !== undefined && text.length > MAX_BODY
    ? `${text.slice(0, MAX_BODY)}… (${text.length - MAX_BODY} more characters)`
    : text;

function cutRecord(r: RequestRecord): RequestRecord {
  if (!r.exchange) return r;
  return {
    ...r,
    exchange: { ...r.exchange, requestBody: cut(r.exchange.requestBody), responseBody: cut(r.exchange.responseBody) },
  };
}

/** A redacted result with its recorded bodies cut at MAX_BODY. Call it after redaction, never before. */
export function cutBodies(result: CardResult): CardResult {
  return {
    ...result,
    requests: result.requests.map(cutRecord),
    attempts: result.attempts.map((a) => ({ ...a, requests: a.requests.map(cutRecord) })),
  };
}

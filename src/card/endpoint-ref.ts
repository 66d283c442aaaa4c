import type { EndpointRef } from '../core/card.js';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const ENDPOINT = new RegExp(`^\\s*\`?(${HTTP_METHODS.join('|')})\\s+(/[^\\s\`]*)\`?`, 'i');

/** Read `POST /platform/v1/apps` (optionally in backticks) at the start of `text`. */
export function parseEndpointRef(text: string, line: number, column = 1): EndpointRef | undefined {
  const m = ENDPOINT.exec(text);
  if (!m) return undefined;
  return { method: (m[1] ?? '').toUpperCase(), path: m[2] ?? '', line, column };
}

/** Find an endpoint anywhere in a cell such as `✓ POST /platform/v1/apps`. */
export function findEndpointRef(text: string, line: number): EndpointRef | undefined {
  const m = new RegExp(`\\b(${HTTP_METHODS.join('|')})\\s+(/[^\\s\`]*)`).exec(text);
  if (!m) return undefined;
  return { method: m[1] ?? '', path: m[2] ?? '', line, column: (m.index ?? 0) + 1 };
}

export function formatEndpoint(e: { method: string; path: string }): string {
  return `${e.method} ${e.path}`;
}

import { shownPath } from '../../util/origin-relative-path.js';
import type { CardRule } from '../rule.js';

/** `/apps/{id}`, `/apps/:id`, `/apps/{{resolved.id}}` and `/apps/<<id>>` all read `/apps/{}`. */
export function normalizePath(path: string): string {
  const beforeQuery = path.split('?', 1)[0] ?? '';
  return beforeQuery.replace(/\{\{[^{}]*\}\}|<<[^<>]*>>|\{[^{}/]*\}|:[A-Za-z_]\w*/g, '{}').replace(/\/+$/, '') || '/';
}

/**
 * The request's path is the one the endpoint names: the same segments, where
 * a `{param}` of the endpoint may be filled in with a concrete value
 * (`GET /apps/{client_id}` sending `/apps/cid_123`).
 */
export function samePath(endpoint: string, sent: string): boolean {
  const e = normalizePath(endpoint).split('/');
  const s = normalizePath(sent).split('/');
  return e.length === s.length && e.every((seg, i) => seg === s[i] || seg === '{}');
}

export const endpointMismatch: CardRule = {
  id: 'endpoint-mismatch',
  check({ card, file }) {
    const endpoint = card?.frontMatter.endpoint;
    const req = card?.request;
    if (!card || !endpoint || !req) return [];
    const m = /^\s*([A-Za-z]+)\s+(\S+)\s*$/.exec(endpoint);
    const line = card.frontMatter.keyLines.endpoint ?? 1;
    if (!m)
      return [
        {
          ruleId: 'endpoint-mismatch',
          severity: 'error',
          file,
          line,
          column: 1,
          message: `endpoint "${endpoint}" is not METHOD /path`,
          hint: 'Write e.g. `endpoint: POST /oauth/token`.',
        },
      ];
    const [, method = '', path = ''] = m;
    if (method.toUpperCase() === req.method && samePath(path, req.path)) return [];
    return [
      {
        ruleId: 'endpoint-mismatch',
        severity: 'error',
        file,
        line,
        column: 1,
        message: `endpoint says ${method.toUpperCase()} ${path} but the Request Template (line ${req.line}) sends ${req.method} ${shownPath(req.path)}`,
        hint: "Make the front-matter endpoint and the template's method and path agree.",
      },
    ];
  },
};

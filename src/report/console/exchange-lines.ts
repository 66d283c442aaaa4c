import type { RequestRecord } from '../../core/result.js';

/** Bodies longer than this are cut on the console; the HTML report keeps them whole. */
export const CONSOLE_BODY_LIMIT = 2000;

function bodyLines(body: string | undefined): string[] {
  if (body === undefined || body === '') return [];
  const cut =
    body.length > CONSOLE_BODY_LIMIT
      ? `${body.slice(0, CONSOLE_BODY_LIMIT)}\n… (${body.length - CONSOLE_BODY_LIMIT} more characters)`
      : body;
  return cut.split('\n');
}

const headerLines = (headers: Record<string, string> | undefined): string[] =>
  Object.entries(headers ?? {}).map(([k, v]) => `${k}: ${v}`);

/**
 * `--verbose`: one request and its response as the engine recorded them.
 * The engine has already redacted secrets; nothing but the exchange is shown.
 */
export function formatExchange(r: RequestRecord): string[] {
  const ex = r.exchange;
  const out = [`→ ${r.method} ${ex?.url ?? r.path}  (${r.label})`];
  if (ex)
    out.push(...headerLines(ex.requestHeaders).map((l) => `  ${l}`), ...bodyLines(ex.requestBody).map((l) => `  ${l}`));
  if (r.error !== undefined) {
    out.push(`← ${r.error}  ${r.durationMs} ms`);
    return out;
  }
  out.push(
    `← ${r.status ?? '(no status)'}  ${r.durationMs} ms${r.retries ? `  (after ${r.retries} transport retr${r.retries === 1 ? 'y' : 'ies'})` : ''}`,
  );
  if (ex)
    out.push(
      ...headerLines(ex.responseHeaders).map((l) => `  ${l}`),
      ...bodyLines(ex.responseBody).map((l) => `  ${l}`),
    );
  return out;
}

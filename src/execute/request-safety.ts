import type { RequestSpec } from '../core/card.js';
import { CardcheckError } from '../core/errors.js';
import type { HttpRequest } from '../http/client.js';
import { joinUrl } from '../http/client.js';
import { forbiddenHeader } from '../util/forbidden-headers.js';
import { dotSegment, pathEscape, pathSegments, shownPath } from '../util/origin-relative-path.js';

/** A rendered request would leave the target or smuggle headers; it is not sent. */
const unsafe = (message: string) => new CardcheckError('request-unsafe', message);

const where = (spec: RequestSpec) => `${spec.method} ${shownPath(spec.path)} (line ${spec.line})`;

/**
 * The rendered path must stay inside the target's base path. Values are
 * URL-encoded into the path, so `/`, `?` and `:` in a value cannot change the
 * host or add segments; what remains is a value that is only dots, which a
 * URL parser takes as `.` or `..`.
 */
export function assertSafePath(spec: RequestSpec, rendered: string): void {
  const escaped = pathEscape(rendered);
  if (escaped)
    throw unsafe(`the path of ${where(spec)} leaves the target once filled in: ${escaped}; nothing was sent`);
  const written = pathSegments(spec.path);
  const sent = pathSegments(rendered);
  sent.forEach((seg, i) => {
    const dot = dotSegment(seg);
    // Same shape as written: a dot segment is only allowed where the card wrote it.
    const own = written.length === sent.length && written[i] === seg;
    if (dot && !own) {
      const from = written.length === sent.length ? ` "${written[i] ?? ''}"` : '';
      throw unsafe(
        `the path of ${where(spec)} leaves the path it names once filled in: the segment${from} becomes "${dot}"; nothing was sent`,
      );
    }
  });
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Header names must be tokens and values one line: a CR or LF would let a value add headers or a body. The value is never shown. */
export function assertSafeHeaders(spec: RequestSpec, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    const forbidden = forbiddenHeader(name);
    if (forbidden)
      throw unsafe(`header "${name}" of ${where(spec)} cannot be set by a card (${forbidden}); nothing was sent`);
    if (!TOKEN.test(name))
      throw unsafe(
        `header name "${name.replace(/[^\x20-\x7e]/g, '?')}" of ${where(spec)} is not a valid header name; nothing was sent`,
      );
    if (/[\r\n\0]/.test(value)) {
      throw unsafe(
        `header "${name}" of ${where(spec)} holds a line break (CR or LF) once filled in, so it was not sent (its value is not shown); check the values it is built from, e.g. an environment variable read with a trailing newline`,
      );
    }
  }
}

/** Why the URL a request is sent to is not inside its base URL's origin and path, or undefined. */
export function outsideBase(req: Pick<HttpRequest, 'baseUrl' | 'path' | 'query'>): string | undefined {
  const base = new URL(req.baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  let url: URL;
  try {
    url = joinUrl(req.baseUrl, req.path, req.query);
  } catch {
    return 'its URL cannot be parsed';
  }
  if (url.origin !== base.origin) return `its URL is on ${url.origin}, not the target's ${base.origin}`;
  if (prefix && url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`))
    return `its URL resolves to ${url.pathname}, outside the target's base path ${prefix}/`;
  return undefined;
}

/** The last check before a request leaves: the final URL, as parsed, is on the target's origin and under its base path. */
export function assertInsideBase(req: HttpRequest): void {
  const why = outsideBase(req);
  if (why) throw unsafe(`${req.method} ${shownPath(req.path)} would leave the target: ${why}; nothing was sent`);
}

import type { RequestSpec } from '../core/card.js';
import { CardcheckError } from '../core/errors.js';
import { dotSegment, pathEscape, pathSegments } from '../util/origin-relative-path.js';

/** A rendered request would leave the target or smuggle headers; it is not sent. */
const unsafe = (message: string) => new CardcheckError('request-unsafe', message);

const where = (spec: RequestSpec) => `${spec.method} ${spec.path} (line ${spec.line})`;

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

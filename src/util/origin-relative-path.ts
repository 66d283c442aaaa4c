/**
 * The path part of an origin-relative request path: before `?`. A `#` is not a
 * cut: the path is joined to the base URL as written, where `#` is a character
 * of its segment (sent as %23), so `..` after it still climbs.
 */
const pathPart = (p: string) => p.split('?', 1)[0] ?? '';

/** C0 controls and DEL: a URL parser drops TAB, CR and LF before resolving `..`, so `.\n.` would become `..`. */
const CONTROL = /[\u0000-\u001f\u007f]/;

const controlName = (c: string) =>
  ({ '\t': 'a TAB', '\r': 'a CR', '\n': 'a line break (LF)' })[c] ??
  `control character U+${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`;

/** Segments as a URL parser sees them: `\` separates too, `%2e` is a dot. */
export function pathSegments(p: string): string[] {
  return pathPart(p).split(/[/\\]/).slice(1);
}

/** `.` and `..`, however they are written (`%2e`, `.%2E`, …). */
export function dotSegment(segment: string): '.' | '..' | undefined {
  const s = segment.replace(/%2e/gi, '.');
  return s === '.' || s === '..' ? s : undefined;
}

/**
 * Why `p` is not a path that stays inside the base URL it is joined to, or
 * undefined when it does: it must start with a single `/` (no scheme, no
 * `//host`), and its `..` segments may not climb above where it starts.
 */
export function pathEscape(p: string): string | undefined {
  const control = CONTROL.exec(p)?.[0];
  if (control !== undefined)
    return `it holds ${controlName(control)}; a URL parser drops TAB, CR and LF before resolving "..", so its segments are not what they look like`;
  const part = pathPart(p);
  if (/^[a-z][a-z0-9+.-]*:/i.test(part)) return 'it names a scheme, so it could point at another host';
  if (/^[/\\]{2}/.test(part)) return `it starts with ${part.slice(0, 2)}, which names a host`;
  if (!part.startsWith('/')) return 'it does not start with /';
  let depth = 0;
  for (const seg of pathSegments(part)) {
    const dot = dotSegment(seg);
    if (dot === '..') {
      if (depth === 0) return 'its ".." segments climb above the base path of the target';
      depth--;
    } else if (dot !== '.') {
      depth++;
    }
  }
  return undefined;
}

/** A path for a message, on one line: control characters as JSON escapes (`\n`, `\t`, `\u0000`). */
export const shownPath = (p: string): string => (CONTROL.test(p) ? JSON.stringify(p).slice(1, -1) : p);

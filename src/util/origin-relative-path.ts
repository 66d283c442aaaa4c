/** The path part of an origin-relative request path: before `?` and `#`. */
const pathPart = (p: string) => p.split(/[?#]/, 1)[0] ?? '';

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

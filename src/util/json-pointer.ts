/** One key as a JSON pointer segment (RFC 6901): `~` → `~0`, `/` → `~1`. */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `['a', 0, 'b/c']` → `/a/0/b~1c` */
export function toPointer(path: readonly (string | number)[]): string {
  return path.map((k) => `/${pointerSegment(k)}`).join('');
}

/**
 * The value at a JSON pointer, or undefined. `uriFragment`: the pointer was
 * written in a URI fragment (`file.json#/definitions/a%20b`), so each segment
 * is percent-decoded first.
 */
export function valueAtPointer(doc: unknown, pointer: string, uriFragment = false): unknown {
  let cur = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = (uriFragment ? decodeURIComponent(raw) : raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) cur = cur[Number(key)];
    else cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** `/a/0/b~1c` → `['a', 0, 'b/c']`: the path a JSON pointer names, list indexes as numbers. */
export function fromPointer(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((key) => (/^(0|[1-9]\d*)$/.test(key) ? Number(key) : key));
}

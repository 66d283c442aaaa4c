/** `data.items[0].id` → ['data', 'items', 0, 'id'] */
export function splitPath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const segment of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(segment);
    if (!m) {
      parts.push(segment);
      continue;
    }
    if (m[1]) parts.push(m[1]);
    for (const idx of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) parts.push(Number(idx[1]));
  }
  return parts;
}

/**
 * Read a dot path from parsed JSON. When a name meets an array (a list
 * response such as `{ data: [ … ] }`), the first item that has the rest of
 * the path answers.
 */
export function readPath(value: unknown, path: string): unknown {
  return readParts(value, splitPath(path));
}

function readParts(value: unknown, parts: (string | number)[]): unknown {
  if (parts.length === 0) return value;
  const [head, ...rest] = parts;
  if (Array.isArray(value)) {
    if (typeof head === 'number') return readParts(value[head], rest);
    for (const item of value) {
      const found = readParts(item, parts);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null && typeof head === 'string') {
    return readParts((value as Record<string, unknown>)[head], rest);
  }
  return undefined;
}

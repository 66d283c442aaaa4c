import path from 'node:path';

/** Whether `file` is `root` or inside it (both absolute, links already followed by the caller). */
export function isInside(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

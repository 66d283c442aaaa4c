import path from 'node:path';

/** The specs folder a card belongs to: its file's folder, with forward slashes (`(root)` for top-level cards). */
export function folderOf(file: string): string {
  const dir = path.posix.dirname(file.split(path.sep).join('/'));
  return dir === '.' ? '(root)' : dir;
}

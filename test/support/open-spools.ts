import { readdirSync, readlinkSync } from 'node:fs';

/**
 * The files this process holds open whose path starts with `prefix`, as `/proc/self/fd/N` paths to read them by
 * (Linux): cardcheck's spools leave their folder as soon as they are open, so they are found through their
 * descriptors, not by listing the folder.
 */
export function openFiles(prefix: string): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    const open = `/proc/self/fd/${fd}`;
    try {
      return readlinkSync(open).startsWith(prefix) ? [open] : [];
    } catch {
      return []; // closed meanwhile (the descriptor readdir itself used)
    }
  });
}

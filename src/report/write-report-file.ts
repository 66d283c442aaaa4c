import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

/** Write one report file from pieces, streamed (never joined into one string); returns its absolute path. */
export async function writeReportChunks(
  cwd: string,
  outDir: string,
  name: string,
  chunks: Iterable<string>,
): Promise<string> {
  const dir = path.resolve(cwd, outDir);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  const out = createWriteStream(file);
  const failed = once(out, 'error').then(([err]) => {
    throw err;
  });
  failed.catch(() => undefined); // awaited through Promise.race only while writing
  try {
    for (const chunk of chunks) if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
  } finally {
    out.destroy();
  }
  return file;
}

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Write one report file into `outDir` (made when missing); returns its absolute path. */
export async function writeReportFile(cwd: string, outDir: string, name: string, text: string): Promise<string> {
  const dir = path.resolve(cwd, outDir);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

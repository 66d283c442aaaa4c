import { readFile } from 'node:fs/promises';
import path from 'node:path';
import dotenv from 'dotenv';
import { CardcheckError } from '../core/errors.js';

/**
 * Process env over the .env file (the given one, else ./.env when present).
 * dotenv.parse is used directly so nothing is printed.
 */
export async function loadEnv(
  cwd: string,
  envFile: string | undefined,
  base: NodeJS.ProcessEnv = process.env,
): Promise<Record<string, string | undefined>> {
  const file = path.resolve(cwd, envFile ?? '.env');
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    if (envFile)
      throw new CardcheckError(
        'env-file-unreadable',
        `--env-file ${envFile}: the file does not exist or cannot be read`,
      );
  }
  const fromFile = text === undefined ? {} : dotenv.parse(text);
  return { ...fromFile, ...base };
}

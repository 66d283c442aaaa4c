import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { InitFile, InitPlan } from './init-files.js';

/** What init did with one file. */
export interface InitOutcome {
  file: string;
  what: string;
  action: 'written' | 'rewritten' | 'kept' | 'appended' | 'unchanged';
  /** `appended`: the lines added. */
  lines?: string[];
}

const readText = (file: string) => readFile(file, 'utf8').catch(() => undefined);

/** Write a `create` file: when absent, or (with force) when its bytes differ. */
async function create(plan: InitPlan, f: InitFile, force: boolean): Promise<InitOutcome> {
  const rel = f.path(plan);
  const file = path.join(plan.dir, rel);
  const text = f.content(plan);
  const old = await readText(file);
  if (old !== undefined && (!force || old === text)) return { file: rel, what: f.what, action: 'kept' };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  return { file: rel, what: f.what, action: old === undefined ? 'written' : 'rewritten' };
}

/** Append the lines a `lines` file lacks (compared without a leading `/` or a trailing `/`), never twice. */
async function appendLines(plan: InitPlan, f: InitFile): Promise<InitOutcome> {
  const rel = f.path(plan);
  const file = path.join(plan.dir, rel);
  const old = (await readText(file)) ?? '';
  const norm = (l: string) => l.trim().replace(/^\/+|\/+$/g, '');
  const present = new Set(old.split(/\r?\n/).map(norm));
  const missing = f
    .content(plan)
    .split('\n')
    .filter((l) => l.trim() && !present.has(norm(l)));
  if (missing.length === 0) return { file: rel, what: f.what, action: 'unchanged' };
  const sep = old === '' || old.endsWith('\n') ? '' : '\n';
  const head = old === '' ? '' : `${sep}\n`;
  await writeFile(file, `${old}${head}# cardcheck: local state, reports and secrets\n${missing.join('\n')}\n`);
  return { file: rel, what: f.what, action: 'appended', lines: missing };
}

/** Write init's files in order; nothing is written twice, and existing files are kept unless `force`. */
export async function writeInitFiles(
  plan: InitPlan,
  files: readonly InitFile[],
  force: boolean,
): Promise<InitOutcome[]> {
  const out: InitOutcome[] = [];
  for (const f of files) out.push(f.kind === 'lines' ? await appendLines(plan, f) : await create(plan, f, force));
  return out;
}

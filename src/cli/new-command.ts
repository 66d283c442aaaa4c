import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { HTTP_METHODS } from '../card/endpoint-ref.js';
import { shownPath } from '../config/find-config.js';
import { projectPaths } from '../config/project-paths.js';
import { CardcheckError } from '../core/errors.js';
import { readOpenApi } from '../import/openapi.js';
import type { NewCardSpec } from '../init/new-card.js';
import { cardFileName, cardsFolder, newCardText } from '../init/new-card.js';
import { lintProject } from '../runner/lint-project.js';
import { loadConfig, loadProject } from '../runner/load-project.js';
import type { ExitCode } from './exit-code.js';
import { EXIT } from './exit-code.js';
import { printDiagnostics } from './print-diagnostics.js';
import type { Io } from './run-command.js';

export interface NewCommandOptions {
  fromOpenapi?: string;
  out?: string;
  force?: boolean;
  config?: string;
}

const flagError = (message: string) => new CardcheckError('flag-invalid', message);

/** `METHOD /path` from the command line, checked. */
function fromArgs(method: string | undefined, p: string | undefined): NewCardSpec {
  const m = (method ?? '').toUpperCase();
  if (!(HTTP_METHODS as readonly string[]).includes(m))
    throw flagError(
      `${method ?? '(no method)'}: give an HTTP method (${HTTP_METHODS.join(', ')}) and a path, e.g. cardcheck new POST /apps/{id}/keys`,
    );
  if (!p?.startsWith('/') || /\s/.test(p))
    throw flagError(`${p ?? '(no path)'}: give the endpoint's path, starting with /, e.g. /apps/{id}/keys`);
  return { method: m, path: p, from: `\`${m} ${p}\`` };
}

/** `--from-openapi FILE#operationId`: the operation's method, path, example body, required headers, status and schema. */
async function fromOpenApi(ref: string, cwd: string): Promise<NewCardSpec> {
  const hash = ref.lastIndexOf('#');
  const file = hash > 0 ? ref.slice(0, hash) : ref;
  const id = hash > 0 ? ref.slice(hash + 1) : '';
  if (!id) throw flagError(`--from-openapi ${ref}: name the operation, as FILE#operationId`);
  const text = await readFile(path.resolve(cwd, file), 'utf8').catch(() => undefined);
  if (text === undefined) throw flagError(`--from-openapi ${ref}: ${file} does not exist or cannot be read`);
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100 });
  } catch {
    doc = undefined;
  }
  const ops = readOpenApi(doc);
  if (!ops) throw flagError(`--from-openapi ${ref}: ${file} is not an OpenAPI 3 or Swagger 2 document`);
  const op = ops.find((o) => o.id === id);
  if (!op) {
    const ids = ops.map((o) => o.id).filter((x): x is string => Boolean(x));
    throw flagError(
      `--from-openapi ${ref}: no operation "${id}" in ${file}${ids.length ? ` (operations: ${ids.slice(0, 12).join(', ')}${ids.length > 12 ? ', …' : ''})` : ''}`,
    );
  }
  return {
    method: op.method,
    path: op.path,
    title: op.title,
    ...(op.body !== undefined ? { body: op.body } : {}),
    headers: op.headers,
    ...(op.expectStatus !== undefined ? { status: op.expectStatus } : {}),
    ...(op.expectSchema !== undefined ? { schema: op.expectSchema } : {}),
    from: `operation ${id} of ${file}`,
  };
}

/**
 * `cardcheck new METHOD /path` (or `--from-openapi FILE#operationId`): a card
 * skeleton in the cards folder, lint-clean but for the TODO values the author
 * must fill in, which are listed with their file:line.
 */
export async function newCommand(
  method: string | undefined,
  p: string | undefined,
  opts: NewCommandOptions,
  io: Io,
): Promise<ExitCode> {
  if (opts.fromOpenapi && (method || p))
    throw flagError('give either METHOD /path or --from-openapi FILE#operationId, not both');
  const spec = opts.fromOpenapi ? await fromOpenApi(opts.fromOpenapi, io.cwd) : fromArgs(method, p);
  const where = projectPaths(io.cwd, opts.config);
  const { config } = await loadConfig(io.cwd, where.configFile);
  const folder = opts.out ?? shownPath(io.cwd, path.join(where.root, cardsFolder(Object.keys(config.folders))));
  const file = shownPath(io.cwd, path.resolve(io.cwd, folder, cardFileName(spec.method, spec.path)));
  if (existsSync(path.resolve(io.cwd, file)) && !opts.force) {
    io.stderr(`cardcheck new: ${file} already exists; pass --force to replace it, or --out another folder`);
    return EXIT.errored;
  }
  await mkdir(path.dirname(path.resolve(io.cwd, file)), { recursive: true });
  await writeFile(path.resolve(io.cwd, file), newCardText(spec));
  io.stdout(`wrote ${file}: ${spec.method} ${spec.path}, from ${spec.from}`);
  const project = await loadProject({ cwd: io.cwd, paths: [file], configFile: where.configFile });
  const diagnostics = lintProject(project).filter((d) => d.file === file);
  const todos = diagnostics.filter((d) => d.ruleId === 'todo-value');
  const others = diagnostics.filter((d) => d.ruleId !== 'todo-value');
  if (todos.length) {
    io.stdout(
      `fill in ${todos.length === 1 ? 'this value' : `these ${todos.length} values`} (cardcheck lint lists them until done):`,
    );
    for (const d of todos)
      io.stdout(`  ${d.file}:${d.line}:${d.column}  ${d.message.replace(/^a value still to fill in: /, '')}`);
  }
  if (others.length) printDiagnostics(others, () => project.cards[0]?.text, io.stdout);
  return EXIT.ok;
}

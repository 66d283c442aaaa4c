import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { CONFIG_NAMES } from '../config/find-config.js';
import { CardcheckError } from '../core/errors.js';
import type { AuthStyle } from '../init/auth-styles.js';
import { AUTH_STYLE_HELP, AUTH_STYLES, envNames, isAuthStyle } from '../init/auth-styles.js';
import { firstEndpoint } from '../init/first-card.js';
import { firstCardPath, INIT_FILES } from '../init/init-files.js';
import { writeInitFiles } from '../init/write-init.js';
import type { ExitCode } from './exit-code.js';
import { EXIT } from './exit-code.js';
import type { Io } from './run-command.js';

export interface InitCommandOptions {
  baseUrl?: string;
  url?: string;
  auth?: string;
  path?: string;
  openapi?: string;
  tokenPath?: string;
  force?: boolean;
  yes?: boolean;
}

const flagError = (message: string) => new CardcheckError('flag-invalid', message);

function checkUrl(url: string): string {
  if (!/^https?:\/\/[^/\s]+/i.test(url))
    throw flagError(`--base-url ${url}: give the http(s) base URL of your API, e.g. https://api.example.com/v1`);
  return url.replace(/\/+$/, '');
}

function checkAuth(auth: string): AuthStyle {
  if (!isAuthStyle(auth)) throw flagError(`--auth ${auth}: expected one of ${AUTH_STYLES.join(', ')}`);
  return auth;
}

function checkPath(p: string | undefined): string | undefined {
  if (p === undefined || p === '') return undefined;
  if (!p.startsWith('/') || /\s/.test(p)) throw flagError(`--path ${p}: give a path starting with /, e.g. /health`);
  return p;
}

/** Asks, on a terminal, what the flags did not say. */
async function ask(opts: InitCommandOptions): Promise<InitCommandOptions> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answers = { ...opts };
    while (!answers.baseUrl) {
      const url = (await rl.question('Base URL of your API (e.g. https://api.example.com/v1): ')).trim();
      if (/^https?:\/\/[^/\s]+/i.test(url)) answers.baseUrl = url;
      else process.stdout.write('  an http(s) URL, please\n');
    }
    while (!answers.auth) {
      process.stdout.write(
        `How does it authenticate?\n${AUTH_STYLES.map((s) => `  ${s}: ${AUTH_STYLE_HELP[s]}`).join('\n')}\n`,
      );
      const auth = (await rl.question('Auth style [none]: ')).trim() || 'none';
      if (isAuthStyle(auth)) answers.auth = auth;
    }
    if (answers.auth === 'oauth2-client-credentials' && !answers.tokenPath)
      answers.tokenPath = (await rl.question('Token endpoint path [/oauth/token]: ')).trim() || undefined;
    if (answers.path === undefined && !answers.openapi)
      answers.path = (
        await rl.question('A GET path for the first card (empty: the OpenAPI document it serves, else /): ')
      ).trim();
    return answers;
  } finally {
    rl.close();
  }
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/**
 * `cardcheck init`: a config for the user's API, .env.example, .gitignore
 * entries and a first card that calls the API. With a config already here and
 * no --force, nothing is changed.
 */
export async function initCommand(flags: InitCommandOptions, io: Io): Promise<ExitCode> {
  const existing = CONFIG_NAMES.filter((n) => existsSync(path.join(io.cwd, n)));
  if (existing.length && !flags.force) {
    const others = ['.env.example'].filter((p) => existsSync(path.join(io.cwd, p)));
    io.stdout(
      `cardcheck init: ${[...existing, ...others].join(', ')} already exist${existing.length + others.length === 1 ? 's' : ''}; nothing changed (pass --force to rewrite what init writes)`,
    );
    return EXIT.ok;
  }
  const given = { ...flags, baseUrl: flags.baseUrl ?? flags.url };
  const interactive = !flags.yes && Boolean(process.stdin.isTTY) && io.tty;
  const opts = interactive ? await ask(given) : given;
  if (!opts.baseUrl)
    throw flagError(
      'init needs the base URL of your API: pass --base-url https://api.example.com (run it in a terminal without --yes to be asked)',
    );
  const baseUrl = checkUrl(opts.baseUrl);
  const auth = checkAuth(opts.auth ?? 'none');
  const tokenPath = checkPath(opts.tokenPath) ?? '/oauth/token';
  const first = await firstEndpoint({
    baseUrl,
    cwd: io.cwd,
    openapi: opts.openapi,
    path: checkPath(opts.path),
    withAuth: auth !== 'none',
  });
  if ('error' in first)
    throw flagError(first.error.replace(path.resolve(io.cwd, opts.openapi ?? ''), opts.openapi ?? ''));
  const plan = { dir: io.cwd, baseUrl, auth, tokenPath, first };
  const outcomes = await writeInitFiles(plan, INIT_FILES, Boolean(flags.force));
  const width = Math.max(...outcomes.map((o) => o.file.length)) + 2;
  for (const o of outcomes) {
    const how =
      o.action === 'kept'
        ? 'exists, kept (--force rewrites it)'
        : o.action === 'appended'
          ? `added ${(o.lines ?? []).join(' ')}`
          : o.action;
    io.stdout(`${o.file.padEnd(width)}${how}: ${o.what}`);
  }
  const card = firstCardPath(plan);
  io.stdout(
    `first card: GET ${first.path}, from ${first.from}; expects ${first.status}${first.note ? `\n  note: ${first.note}` : ''}`,
  );
  const names = envNames(auth);
  const steps = [
    ...(names.length ? [`put ${names.join(', ')} in .env (see .env.example) or the environment`] : []),
    `npx cardcheck run            runs ${card}`,
    'npx cardcheck new GET /path  starts the next card',
  ];
  io.stdout(`next:\n${steps.map((s) => `  ${s}`).join('\n')}`);
  const changed = outcomes.filter((o) => o.action !== 'kept' && o.action !== 'unchanged').length;
  if (changed === 0) io.stdout(`nothing changed (${plural(outcomes.length, 'file')} already as init writes them)`);
  return EXIT.ok;
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuthStyle } from './auth-styles.js';
import { envNames, profileLines } from './auth-styles.js';
import type { FirstEndpoint } from './first-card.js';

/** What `cardcheck init` was told or asked, and the endpoint it chose for the first card. */
export interface InitPlan {
  /** The project folder (the working directory). */
  dir: string;
  baseUrl: string;
  auth: AuthStyle;
  /** Token endpoint path for oauth2-client-credentials. */
  tokenPath: string;
  first: FirstEndpoint;
}

/**
 * A file `cardcheck init` writes. `create` files are written when absent (or
 * with --force); `lines` files get the lines they lack appended, never twice.
 */
export interface InitFile {
  /** Path relative to the project folder, forward slashes. */
  path: (plan: InitPlan) => string;
  kind: 'create' | 'lines';
  /** The whole file (`create`), or the lines it must hold (`lines`). */
  content: (plan: InitPlan) => string;
  /** One line for the summary, after the path. */
  what: string;
}

/** The target and API name init uses in the config it writes. */
export const TARGET = 'default';
export const API = 'api';
const PROFILE = 'api';

/** The config schema, as an editor finds it: in node_modules once installed, else beside this package. */
export function schemaRef(dir: string, schema = 'config.schema.json'): string {
  const installed = `./node_modules/cardcheck/schemas/${schema}`;
  const own = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schemas', schema);
  if (existsSync(path.join(dir, installed)) || own.split(path.sep).includes('node_modules')) return installed;
  const rel = path.relative(dir, own).split(path.sep).join('/');
  return rel.startsWith('..') || path.isAbsolute(rel) ? installed : `./${rel}`;
}

export function configText(plan: InitPlan): string {
  const profile = profileLines(plan.auth, PROFILE, plan.tokenPath);
  const lines = [
    `# yaml-language-server: $schema=${schemaRef(plan.dir)}`,
    '# cardcheck configuration, written by `cardcheck init`: where cards are sent and how they authenticate.',
    '# Values written as {{env.NAME}} come from the environment or .env (.env.example lists the names).',
    '# Reference: node_modules/cardcheck/specs/README.md#cardcheckconfigyaml',
    '',
    `defaultTarget: ${TARGET}`,
    '',
    'targets:',
    `  ${TARGET}:`,
    '    apis:',
    `      ${API}: ${JSON.stringify(plan.baseUrl)}`,
    '',
    ...(profile.length ? ['auth:', ...profile, ''] : []),
    'folders:',
    '  specs:',
    `    api: ${API}`,
    ...(profile.length ? [`    auth: ${PROFILE}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

export function envExampleText(plan: InitPlan): string {
  const names = envNames(plan.auth);
  const lines = [
    '# The environment variables cardcheck.config.yaml reads. Copy this file to .env',
    '# (which .gitignore should keep out of git) and fill in the values, or set them in CI.',
    ...(names.length ? names.map((n) => `${n}=`) : ['# (none: the API is called without credentials)']),
  ];
  return `${lines.join('\n')}\n`;
}

/** The file name of the first card: `specs/get-<path words>.md`, `specs/get-root.md` for `/`. */
export function firstCardPath(plan: InitPlan): string {
  const words = plan.first.path
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `specs/get-${words || 'root'}.md`;
}

export function firstCardText(plan: InitPlan): string {
  const f = plan.first;
  const expected: Record<string, unknown> = { status: f.status };
  if (f.bodyType) expected.schema = { type: f.bodyType };
  const lines = [
    '---',
    `endpoint: GET ${f.path}`,
    'status: success',
    '---',
    `# ${f.title ?? `GET ${f.path}`}`,
    '',
    '## Summary',
    `First card, written by \`cardcheck init\` from ${f.from}. Run it with`,
    '`npx cardcheck run`; add cards beside it with `npx cardcheck new METHOD /path`.',
    '',
    '## Request Template',
    '',
    '```json',
    JSON.stringify({ method: 'GET', path: f.path }, null, 2),
    '```',
    '',
    '## Expected Response',
    '',
    '```json',
    JSON.stringify(expected, null, 2),
    '```',
  ];
  return `${lines.join('\n')}\n`;
}

/** The lines .gitignore must hold: cardcheck's local state and its reports. */
export const GITIGNORE_LINES = ['.cardcheck/', 'reports/', '.env'];

/**
 * Every file `cardcheck init` writes, in order. A later feature adds its file
 * here (a CI workflow, say) and init writes it, with --force and the summary.
 */
export const INIT_FILES: InitFile[] = [
  { path: () => 'cardcheck.config.yaml', kind: 'create', content: configText, what: 'targets, auth and folders' },
  { path: () => '.env.example', kind: 'create', content: envExampleText, what: 'the environment variables to set' },
  {
    path: () => '.gitignore',
    kind: 'lines',
    content: () => `${GITIGNORE_LINES.join('\n')}\n`,
    what: 'keeps .cardcheck/, reports/ and .env out of git',
  },
  { path: firstCardPath, kind: 'create', content: firstCardText, what: 'the first card' },
];

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/core/config.js';
import { runCards } from '../../src/runner/run-cards.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { tempDir } from './temp-dir.js';

/** Write cards into a fresh temp folder, removed after the test file; returns the folder. */
export async function writeCards(cards: Record<string, string>): Promise<string> {
  const dir = await tempDir('cardcheck-test-');
  for (const [name, text] of Object.entries(cards)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

/** A runnable card from parts, in the seed format. */
export function card(parts: {
  endpoint: string;
  uid?: unknown;
  request: unknown;
  expect?: unknown;
  status?: string;
  extra?: string;
}): string {
  return [
    '---',
    `endpoint: ${parts.endpoint}`,
    `status: ${parts.status ?? 'success'}`,
    '---',
    '# Test card',
    '',
    ...(parts.uid ? ['## UID Resolution Procedure', '', '```json', JSON.stringify(parts.uid, null, 2), '```', ''] : []),
    '## Request Template',
    '',
    '```json',
    JSON.stringify(parts.request, null, 2),
    '```',
    '',
    ...(parts.expect ? ['## Expected Response', '', '```json', JSON.stringify(parts.expect, null, 2), '```', ''] : []),
    parts.extra ?? '',
  ].join('\n');
}

/** A UID field that creates a fresh vcita app; `cleanup` false leaves it without a declared cleanup. */
export function freshApp(field: string, opts: { extract?: string; cleanup?: boolean } = {}) {
  return {
    extract_from: opts.extract ?? 'data.client_id',
    create_fresh: true,
    create_endpoint: 'POST /platform/v1/apps',
    create_body: {
      name: 'Test',
      app_code_name: `t${field.replace(/\W/g, '')}{{timestamp}}`,
      redirect_uri: 'https://example.com/cb',
    },
    ...(opts.cleanup === false
      ? { cleanup_note: 'left on purpose by the test' }
      : { cleanup_endpoint: `DELETE /platform/v1/apps/{{resolved.${field}}}` }),
  };
}

/** A config whose every card authenticates with the vcita directory token from env. */
export function directoryConfig(): Config {
  const config = defaultConfig();
  config.profiles.directory = { type: 'bearer', token: '{{env.DIRECTORY_TOKEN}}' };
  config.folders['.'] = { auth: 'directory' };
  return config;
}

/** A vcita sandbox for a test file, and a runner of temp cards against it with the directory token. */
export function useVcitaSandbox(hooks: {
  beforeAll: (fn: () => Promise<void>) => void;
  afterAll: (fn: () => Promise<void>) => void;
}) {
  const state: { sandbox?: Sandbox } = {};
  hooks.beforeAll(async () => {
    state.sandbox = await startSandbox();
  });
  hooks.afterAll(async () => {
    await state.sandbox?.close();
  });
  const sandbox = (): Sandbox => {
    if (!state.sandbox) throw new Error('the sandbox is not started yet');
    return state.sandbox;
  };
  const run = async (cards: Record<string, string>) => {
    const dir = await writeCards(cards);
    return runCards({
      paths: ['.'],
      cwd: dir,
      target: sandbox().apis.vcita,
      env: { ...sandbox().env },
      config: directoryConfig(),
      // These tests read what passing cards sent.
      trace: 'on',
    });
  };
  return { sandbox, run };
}

/** A config whose default target is the embedded sandbox, with specs/ calling its vcita API (bearer DIRECTORY_TOKEN). */
export const SANDBOX_CONFIG = [
  'defaultTarget: demo',
  'targets:',
  '  demo:',
  '    embedded: true',
  'auth:',
  '  dir:',
  '    type: bearer',
  '    token: "{{env.DIRECTORY_TOKEN}}"',
  'folders:',
  '  specs:',
  '    api: vcita',
  '    auth: dir',
  '',
].join('\n');

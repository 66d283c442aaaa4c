import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { json } from '../../test/support/sandbox.js';
import { listBreaks } from './breaks/registry.js';
import { formatBreakList } from './describe.js';

/** The built CLI (vitest's global setup runs `tsc -p tsconfig.build.json` first). */
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cardcheck(args: string[], onStdout?: (text: string, stop: () => void) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      onStdout?.(stdout, () => child.kill('SIGTERM'));
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('cardcheck sandbox', () => {
  it('--list-breaks prints one break per line: name, METHOD route, what it breaks', async () => {
    const run = await cardcheck(['sandbox', '--list-breaks']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toEqual(formatBreakList(listBreaks()));
    expect(lines).toHaveLength(listBreaks().length);
    for (const [i, b] of listBreaks().entries()) {
      expect(lines[i]).toMatch(
        new RegExp(`^${b.name}\\s{2,}${b.route.split(' ')[0]} /${b.api}\\S+\\s{2,}${b.kind}: .+$`),
      );
    }
    expect(lines[0]).toBe(
      `${'vcita-create-app-drops-client-secret'.padEnd(44)}  ${'POST /vcita/platform/v1/apps'.padEnd(49)}  drop-field: the 201 body lacks the required data.client_secret`,
    );
  });

  it('starts standalone, prints base URLs and credentials, serves requests, closes on SIGTERM', async () => {
    let checked: Promise<number> | undefined;
    const run = await cardcheck(
      ['sandbox', '--port', '0', '--break', 'youhodler-token-status-201', '--seed', '3'],
      (out, stop) => {
        if (checked || !out.includes('Press Ctrl+C to stop.')) return;
        const youhodler = /^ {2}youhodler +(http:\/\/\S+)$/m.exec(out)?.[1] ?? '';
        const adminToken = /^YOUHODLER_ADMIN_TOKEN=(\S+)$/m.exec(out)?.[1] ?? '';
        checked = fetch(
          `${youhodler}/service-accounts`,
          json({ name: 'cli' }, { authorization: `Bearer ${adminToken}` }),
        )
          .then((r) => r.status)
          .finally(stop);
      },
    );
    expect(await checked).toBe(201);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^cardcheck sandbox listening on http:\/\/127\.0\.0\.1:\d+$/m);
    for (const api of ['vcita', 'rocketchat', 'youhodler'])
      expect(run.stdout).toMatch(new RegExp(`^  ${api} +http://127\\.0\\.0\\.1:\\d+/${api}$`, 'm'));
    for (const name of [
      'DIRECTORY_TOKEN',
      'ROCKETCHAT_AUTH_TOKEN',
      'ROCKETCHAT_USER_ID',
      'ROCKETCHAT_LIMITED_AUTH_TOKEN',
      'ROCKETCHAT_LIMITED_USER_ID',
      'YOUHODLER_ADMIN_TOKEN',
    ]) {
      expect(run.stdout).toMatch(new RegExp(`^${name}=\\S+$`, 'm'));
    }
    expect(run.stdout).toContain('breaks: youhodler-token-status-201');
    expect(run.stdout).toContain('cardcheck sandbox: SIGTERM, closing');
  });

  it('refuses an unknown break (exit 2, with a suggestion) and a bad rate', async () => {
    const unknown = await cardcheck(['sandbox', '--break', 'youhodler-token-htm']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'unknown contract break "youhodler-token-htm"; did you mean "youhodler-token-html"?',
    );
    const badRate = await cardcheck(['sandbox', '--error-rate', '2']);
    expect(badRate.code).not.toBe(0);
    expect(badRate.stderr).toContain('a rate is a number from 0 to 1');
  });
});

import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleById, STANDARD_RULES } from '../../src/standards/rules.js';
import { cardcheck } from '../support/cli.js';
import type { RuleCase } from '../support/standards-server.js';
import { RULE_CASES, startStandardsServer } from '../support/standards-server.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * Each standards rule against a loopback server that breaks it (test/support/standards-server.ts): one card per
 * rule, whose own expectation (the status the server answers) holds, so what fails is the rule's check, named with
 * its rule id and clause in the console, results.json and JUnit. MUST rules fail the card at level error, SHOULD
 * rules warn; `--standards warn` turns every finding into a warning; a rule a card switches off shows its reason.
 */

let server: Awaited<ReturnType<typeof startStandardsServer>>;
beforeAll(async () => {
  server = await startStandardsServer();
});
afterAll(async () => {
  await server.stop();
});

const CONFIG = `defaultTarget: local
targets:
  local:
    apis:
      h: "{{env.H_ORIGIN}}"
folders:
  .:
    api: h
    auth: none
`;

function cardFor(c: RuleCase, extraFront = ''): string {
  const { basic, ...req } = c.request;
  const request = {
    ...req,
    path: `/${c.rule}${c.request.path}`,
    ...(basic ? { basic } : {}),
    ...(c.cleanup
      ? { cleanup: c.cleanup }
      : c.request.method === 'POST'
        ? { cleanup: null, cleanup_note: 'the hostile server keeps nothing' }
        : {}),
  };
  const status =
    c.expectStatus ??
    c.answer('http://127.0.0.1', JSON.stringify(c.request.form ?? c.request.body ?? {}), c.request.method).status;
  const uid =
    c.uid &&
    Object.fromEntries(
      Object.entries(c.uid).map(([k, v]) => [k, { ...v, create: { ...v.create, path: `/${c.rule}${v.create.path}` } }]),
    );
  return [
    '---',
    `endpoint: ${c.request.method} /${c.rule}${c.request.path}`,
    'status: success',
    ...(c.endpointKind ? [`endpointKind: ${c.endpointKind}`] : []),
    extraFront,
    '---',
    `# Breaks ${c.rule}`,
    '',
    ...(uid ? ['## UID Resolution Procedure', '', '```json', JSON.stringify(uid, null, 2), '```', ''] : []),
    '## Request Template',
    '',
    '```json',
    JSON.stringify(request, null, 2),
    '```',
    '',
    '## Expected Response',
    '',
    '```json',
    JSON.stringify({ status }),
    '```',
    '',
  ].join('\n');
}

interface Results {
  cards: {
    file: string;
    outcome: string;
    checks: { kind: string; passed: boolean; warning?: boolean; rule?: string; clause?: string; off?: string }[];
  }[];
}

async function project(cards: Record<string, string>): Promise<string> {
  const dir = await tempDir('cardcheck-standards-rules-');
  await writeFile(path.join(dir, 'cardcheck.config.yaml'), CONFIG);
  for (const [name, text] of Object.entries(cards)) await writeFile(path.join(dir, name), text);
  return dir;
}

const run = (dir: string, extra: string[] = []) =>
  cardcheck(
    [
      'run',
      '.',
      '--out',
      'out',
      '--reporter',
      'console,json,junit,html',
      '--timeout',
      '5000',
      '--run-timeout',
      '30000',
      ...extra,
    ],
    {
      cwd: dir,
      env: { H_ORIGIN: server.origin },
    },
  );

const results = async (dir: string) =>
  JSON.parse(await readFile(path.join(dir, 'out/results.json'), 'utf8')) as Results;

describe('a server breaking each standards rule', () => {
  it('has one case per rule of the registry', () => {
    expect(RULE_CASES.map((c) => c.rule).sort()).toEqual(STANDARD_RULES.map((r) => r.id).sort());
  });

  it("each rule's break fails that rule's check, named with its rule id and clause; SHOULD rules warn", async () => {
    const dir = await project(Object.fromEntries(RULE_CASES.map((c) => [`${c.rule}.md`, cardFor(c)])));
    const result = await run(dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const r = await results(dir);
    const should = STANDARD_RULES.filter((x) => x.strength === 'should').length;
    expect(result.stdout).toContain(
      `${RULE_CASES.length} cards: ${should} passed, ${RULE_CASES.length - should} failed, 0 skipped, 0 errored`,
    );
    for (const c of RULE_CASES) {
      const rule = ruleById(c.rule);
      const card = r.cards.find((x) => x.file === `${c.rule}.md`);
      const check = card?.checks.find((x) => x.kind === 'standard' && x.rule === c.rule);
      expect(check, c.rule).toMatchObject({ passed: false, clause: rule?.clause });
      // The card's own expectation (the status) held: what fails is the standard. A follow-up is a request of its own.
      if (rule?.followUp) expect(card?.checks.length, c.rule).toBeGreaterThan(0);
      expect(card?.checks.find((x) => x.kind === 'status')?.passed, c.rule).toBe(true);
      if (rule?.strength === 'should') {
        expect(card?.outcome, c.rule).toBe('passed');
        expect(check?.warning, c.rule).toBe(true);
        expect(result.stdout).toContain(`warning: standard ${c.rule} (${rule.clause}):`);
      } else {
        expect(card?.outcome, c.rule).toBe('failed');
        expect(check?.warning, c.rule).toBeUndefined();
        expect(result.stdout).toContain(`standard ${c.rule} (${rule?.clause}): ${rule?.requirement} Fix: ${rule?.fix}`);
      }
    }
    // A finding is placed at the card's request, the answer to which broke the rule.
    expect(result.stdout).toContain('at error-code.md:11:1');
    const junit = await readFile(path.join(dir, 'out/junit.xml'), 'utf8');
    expect(junit).toContain('standard error-code (RFC 6749 §5.2)');
    const html = await readFile(path.join(dir, 'out/report.html'), 'utf8');
    expect(html).toContain('error-code (RFC 6749 §5.2)');
    // No secret the cards sent or the server answered is in any report.
    for (const f of await readdir(path.join(dir, 'out'))) {
      const text = await readFile(path.join(dir, 'out', f), 'utf8').catch(() => '');
      for (const secret of [
        'cs-0123456789abcdef',
        'wrong-0123456789abcdef',
        'at-0123456789abcdefghij',
        'rat-0123456789abcdef',
        'at-live-0123456789abcdef',
        'hostile-pkce-verifier-0123456789abcdefghijklmn',
        'code-1-0123456789abcdef',
      ])
        expect(text, `${f} holds ${secret}`).not.toContain(secret);
    }
  });

  it('--standards warn shows every finding and passes the cards; --standards off runs no pack', async () => {
    const picked = RULE_CASES.filter((c) =>
      ['token-no-store', 'error-code', 'discovery-issuer-match'].includes(c.rule),
    );
    const dir = await project(Object.fromEntries(picked.map((c) => [`${c.rule}.md`, cardFor(c)])));
    const warn = await run(dir, ['--standards', 'warn']);
    expect(warn.code).toBe(0);
    expect(warn.stdout).toContain('3 cards: 3 passed, 0 failed, 0 skipped, 0 errored');
    expect(warn.stdout).toContain('warning: standard token-no-store (RFC 6749 §5.1):');
    const off = await run(dir, ['--standards', 'off']);
    expect(off.code).toBe(0);
    expect((await results(dir)).cards.flatMap((c) => c.checks).filter((c) => c.kind === 'standard')).toEqual([]);
    const bad = await run(dir, ['--standards', 'loud']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--standards loud: expected one of error, warn, off');
  });

  it('a rule switched off by the card passes it, and the console, JSON and JUnit show the reason', async () => {
    const c = RULE_CASES.find((x) => x.rule === 'token-no-store') as RuleCase;
    const front =
      'standards:\n  off:\n    - rule: token-no-store\n      reason: the gateway in front adds Cache-Control';
    const dir = await project({ 'token-no-store.md': cardFor(c, front) });
    const result = await run(dir);
    expect(result.code).toBe(0);
    const line = 'standards off: token-no-store (RFC 6749 §5.1): the gateway in front adds Cache-Control';
    expect(result.stdout).toContain(line);
    const [card] = (await results(dir)).cards;
    expect(card?.checks.find((x) => x.rule === 'token-no-store')).toMatchObject({
      passed: true,
      off: 'the gateway in front adds Cache-Control',
      line: 4,
    });
    expect(await readFile(path.join(dir, 'out/junit.xml'), 'utf8')).toContain(line);
  });
});

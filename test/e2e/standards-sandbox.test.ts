import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardResult } from '../../src/core/result.js';
import { runCards } from '../../src/runner/run-cards.js';
import { listBreaks } from '../../src/sandbox/breaks/registry.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { STANDARD_RULES } from '../../src/standards/rules.js';
import { cardcheck, ROOT } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * Verdict accuracy of the standards packs (issue 17) on the sandbox's standards-following OAuth API: specs/oauth
 * against the correct sandbox gives 0 standards findings; with each rule's break (`oauth-<rule>`) on, that rule's
 * check fails (the cards' own expectations may fail too).
 */

interface ResultsJson {
  summary: { total: number; passed: number; failed: number; errored: number };
  cards: {
    file: string;
    outcome: string;
    checks: { kind: string; rule?: string; passed: boolean; warning?: boolean }[];
  }[];
  leftBehind: unknown[];
}

const standards = (cards: readonly { checks: readonly { kind: string; rule?: string; passed: boolean }[] }[]) =>
  cards.flatMap((c) => c.checks.filter((k) => k.kind === 'standard'));

// ajv-formats is CommonJS with a `default` export; under NodeNext the default import is the module object.
const addFormats = ((formatsModule as unknown as { default?: typeof formatsModule }).default ??
  formatsModule) as unknown as (ajv: Ajv) => Ajv;

/** Rules a conforming answer never triggers: checked only on a member the sandbox does not send. */
const ONLY_WHEN_PRESENT = ['error-uri'];

let ledgerDir: string;
beforeAll(async () => {
  ledgerDir = await tempDir('cardcheck-ledger-');
});

describe('specs/oauth against the correct sandbox', () => {
  it('cardcheck run gives 0 standards findings, runs every rule of the registry, and leaves nothing behind', async () => {
    const out = await tempDir('cardcheck-standards-sandbox-');
    const res = await cardcheck(['run', 'specs/oauth', '--out', out, '--reporter', 'json']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as ResultsJson;
    expect(results.summary).toMatchObject({ total: 22, passed: 22, failed: 0, errored: 0 });
    const checks = standards(results.cards);
    expect(checks.filter((c) => !c.passed || c.warning)).toEqual([]);
    const ran = new Set(checks.map((c) => c.rule));
    expect(STANDARD_RULES.map((r) => r.id).filter((id) => !ran.has(id))).toEqual(ONLY_WHEN_PRESENT);
    expect(results.leftBehind).toEqual([]);
  });
});

const STANDARD_BREAKS = listBreaks().filter((b) => b.kind === 'standard');

describe('each standards break', () => {
  it('exists for every rule of the registry', () => {
    expect(STANDARD_BREAKS.map((b) => b.rule?.id).sort()).toEqual(STANDARD_RULES.map((r) => r.id).sort());
  });

  it.each(STANDARD_BREAKS.map((b) => [b.name, b.rule?.id ?? ''] as const))(
    '%s fails the check of its rule on specs/oauth',
    async (name, rule) => {
      const result = await runCards({
        cwd: ROOT,
        ledgerDir,
        paths: ['specs/oauth'],
        seed: 1,
        sandbox: { breaks: [name] },
      });
      const failing = (result.cards as CardResult[]).filter((c) =>
        c.checks.some((k) => k.kind === 'standard' && k.rule === rule && !k.passed),
      );
      // Printed so the test log shows each break with the cards that caught it.
      console.log(`${name}: ${failing.map((c) => path.basename(c.file)).join(', ') || 'NOTHING'}`);
      expect(failing.length).toBeGreaterThan(0);
    },
  );
});

describe('a break through the CLI', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ breaks: ['oauth-token-no-store'] });
  });
  afterAll(() => sandbox.close());

  it('cardcheck run against a sandbox with oauth-token-no-store names the rule and clause; results.json has the rule', async () => {
    const out = await tempDir('cardcheck-standards-break-');
    const res = await cardcheck(
      [
        'run',
        'specs/oauth/token-client-credentials.md',
        '--target',
        'local',
        '--out',
        out,
        '--reporter',
        'console,json',
      ],
      { env: { ...sandbox.env, SANDBOX_ORIGIN: sandbox.origin } },
    );
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('standard token-no-store (RFC 6749 §5.1)');
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as ResultsJson;
    expect(standards(results.cards).filter((c) => !c.passed)).toMatchObject([{ rule: 'token-no-store' }]);
    for (const secret of [sandbox.env.OAUTH_CLIENT_SECRET ?? '', ...sandbox.issuedSecrets()])
      expect(res.stdout).not.toContain(secret);
  });
});

/** An OAuth card of the sandbox, with its front-matter id. */
const oauthCard = (id: string, endpoint: string, body: string) =>
  `---\nid: ${id}\nendpoint: ${endpoint}\nstatus: success\n---\n# ${id}\n\n${body}`;
const json = (section: string, value: unknown) =>
  `## ${section}\n\n\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\`\n\n`;

const SIGN_IN = {
  method: 'POST',
  path: '/authorize',
  auth: 'none',
  query: {
    response_type: 'code',
    client_id: '{{env.OAUTH_CLIENT_ID}}',
    redirect_uri: 'https://client.example/cb',
    state: 's{{timestamp}}',
    code_challenge: 'zjxZvYQ7bG09mL7VT-ff5BgQSRE-NrTo9RJ260BlD_k',
    code_challenge_method: 'S256',
  },
  form: { username: '{{env.OAUTH_USERNAME}}', password: '{{env.OAUTH_PASSWORD}}', respond_with: 'json' },
};

describe('follow-ups that cannot be sent say why, and never pass', () => {
  it('a code from another card and a token written in the card: each PKCE and revoked-token follow-up is a "not run" note', async () => {
    const dir = await tempDir('cardcheck-followups-not-run-');
    await cp(path.join(ROOT, 'cardcheck.config.yaml'), path.join(dir, 'cardcheck.config.yaml'));
    await mkdir(path.join(dir, 'specs/oauth'), { recursive: true });
    const write = (name: string, text: string) => writeFile(path.join(dir, 'specs/oauth', name), text);
    // The code comes from another card's response: no step of the exchanging card can ask for a fresh one.
    await write(
      'sign-in.md',
      oauthCard(
        'sign-in',
        'POST /authorize',
        json('Request Template', { ...SIGN_IN, cleanup: null, cleanup_note: 'a code expires' }) +
          json('Expected Response', { status: 200 }),
      ),
    );
    await write(
      'exchange.md',
      oauthCard(
        'exchange',
        'POST /token',
        json('Request Template', {
          method: 'POST',
          path: '/token',
          form: {
            grant_type: 'authorization_code',
            code: '{{card.sign-in.response.code}}',
            redirect_uri: 'https://client.example/cb',
            code_verifier: 'cardcheck-sandbox-pkce-verifier-0123456789abcdefghijk',
          },
        }) + json('Expected Response', { status: 200 }),
      ),
    );
    await write(
      'revoke-literal.md',
      oauthCard(
        'revoke-literal',
        'POST /revoke',
        json('Request Template', {
          method: 'POST',
          path: '/revoke',
          form: { token: 'never-issued-token-0123' },
          cleanup: null,
          cleanup_note: 'nothing made',
        }) + json('Expected Response', { status: 200 }),
      ),
    );
    const out = path.join(dir, 'out');
    const res = await cardcheck(['run', '--out', out, '--reporter', 'console,json', '--trace', 'on'], { cwd: dir });
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(
      /follow-up not run: followup-pkce-wrong-verifier \(RFC 7636 §4\.6\): the code is not from a UID step of the card/,
    );
    expect(res.stdout).toMatch(
      /follow-up not run: followup-revoked-token-dead \(RFC 7009 §2\.1, §2\.2\): the revoked token is not one a UID step of the card obtained/,
    );
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as {
      cards: {
        file: string;
        outcome: string;
        checks: { rule?: string; notRun?: boolean; actual: string }[];
        requests: { label: string }[];
      }[];
    };
    const byFile = (f: string) => results.cards.find((c) => c.file.endsWith(f));
    const exchange = byFile('exchange.md');
    expect(exchange?.outcome).toBe('passed');
    for (const rule of [
      'followup-pkce-wrong-verifier',
      'followup-pkce-verifier-required',
      'followup-pkce-plain-refused',
    ])
      expect(
        exchange?.checks.find((c) => c.rule === rule),
        rule,
      ).toMatchObject({ notRun: true, actual: 'not run' });
    // Nothing was sent for them; the replay of the card's own code still was.
    expect(exchange?.requests.map((r) => r.label).filter((l) => l.startsWith('follow-up'))).toEqual([
      'follow-up followup-code-single-use',
    ]);
    expect(byFile('revoke-literal.md')?.checks.find((c) => c.rule === 'followup-revoked-token-dead')).toMatchObject({
      notRun: true,
    });
    // results.json with notes stays valid against its schema (merge-reports checks it).
    const schema = JSON.parse(await readFile(path.join(ROOT, 'schemas/results.schema.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(results), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('a revoked refresh token', () => {
  it('is tried in a refresh grant at the advertised token endpoint: invalid_grant, and with the break a new token', async () => {
    const dir = await tempDir('cardcheck-revoke-refresh-');
    await cp(path.join(ROOT, 'cardcheck.config.yaml'), path.join(dir, 'cardcheck.config.yaml'));
    await mkdir(path.join(dir, 'specs/oauth'), { recursive: true });
    const exchange = {
      method: 'POST',
      path: '/token',
      form: {
        grant_type: 'authorization_code',
        code: '{{resolved.code}}',
        redirect_uri: 'https://client.example/cb',
        code_verifier: 'cardcheck-sandbox-pkce-verifier-0123456789abcdefghijk',
      },
    };
    await writeFile(
      path.join(dir, 'specs/oauth/revoke-refresh.md'),
      oauthCard(
        'revoke-refresh',
        'POST /revoke',
        json('UID Resolution Procedure', {
          code: { create: SIGN_IN, extract_from: 'code', resource: false },
          refresh_token: { create: exchange, extract_from: 'refresh_token' },
        }) +
          json('Request Template', {
            method: 'POST',
            path: '/revoke',
            form: { token: '{{resolved.refresh_token}}', token_type_hint: 'refresh_token' },
            cleanup: null,
            cleanup_note: 'revoking creates nothing',
          }) +
          json('Expected Response', { status: 200 }),
      ),
    );
    const dead = async (breaks: string[]) => {
      const result = await runCards({ cwd: dir, ledgerDir, paths: ['specs/oauth'], seed: 1, sandbox: { breaks } });
      const [card] = result.cards as CardResult[];
      return card?.checks.find((c) => c.rule === 'followup-revoked-token-dead');
    };
    expect(await dead([])).toMatchObject({
      passed: true,
      actual: 'a refresh grant with the revoked token got 400 invalid_grant',
    });
    expect(await dead(['oauth-followup-revoked-token-dead'])).toMatchObject({
      passed: false,
      actual: 'a refresh grant with the revoked token got 200',
    });
  });
});

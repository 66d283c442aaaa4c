import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/core/result.js';
import { toJunitXml } from '../../src/report/junit/junit-report.js';
import { runCards } from '../../src/runner/run-cards.js';
import { ROOT, sampleRun } from '../support/sample-run.js';
import { tempDir } from '../support/temp-dir.js';
import { validateJunit, xpath } from '../support/xmllint.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('cc-junit-');
});

async function written(run: RunResult, name: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, toJunitXml(run));
  return file;
}

const testcase = (file: string) => `//testcase[@file='${file}']`;

describe('junit.xml', () => {
  it("is valid against Jenkins' junit-10.xsd and reads back as one suite per folder and one case per card", async () => {
    const { run } = await sampleRun();
    const file = await written(run, 'sample.xml');
    expect(validateJunit(file)).toBe('');
    expect(xpath(file, 'count(/testsuites/testsuite)')).toBe('4');
    const suites = ['fixtures/seeds', 'specs/vcita', 'fixtures/cards/failing', 'fixtures/cards/failing/flaky'];
    for (const s of suites) expect(xpath(file, `count(/testsuites/testsuite[@name='${s}'])`)).toBe('1');
    expect(xpath(file, 'count(//testcase)')).toBe(String(run.cards.length));
    expect(xpath(file, 'string(/testsuites/@tests)')).toBe('13');
    expect(xpath(file, 'string(/testsuites/@failures)')).toBe('2');
    expect(xpath(file, 'string(/testsuites/@errors)')).toBe('1');
    expect(xpath(file, "string(//testsuite[@name='specs/vcita']/@skipped)")).toBe('1');
    expect(xpath(file, "string(//testsuite[@name='specs/vcita']/properties/property[@name='seed']/@value)")).toBe('1');
  });

  it('carries skip reasons, failure diffs, errors and flaky notes where CI tools look for them', async () => {
    const { run } = await sampleRun();
    const file = await written(run, 'outcomes.xml');
    const get = testcase('specs/vcita/get-app.md');
    expect(xpath(file, `string(${get}/@classname)`)).toBe('specs/vcita');
    expect(xpath(file, `string(${get}/@name)`)).toBe('Get OAuth App');
    expect(xpath(file, `string(${get}/@line)`)).toBe('7');
    expect(xpath(file, `count(${get}/*)`)).toBe('0');

    const skip = testcase('specs/vcita/exchange-authorization-code.md');
    expect(xpath(file, `string(${skip}/skipped/@message)`)).toMatch(
      /^This endpoint implements OAuth 2\.0 Authorization Code flow/,
    );

    const status = testcase('fixtures/cards/failing/fails-status.md');
    expect(xpath(file, `string(${status}/failure/@message)`)).toBe('expected status 201, got 200');
    expect(xpath(file, `string(${status}/failure/@type)`)).toBe('status');
    expect(xpath(file, `string(${status}/failure)`)).toBe(
      'expected status 201, got 200\n  response body: {"success":true,"data":[]}\nat fixtures/cards/failing/fails-status.md:20:13',
    );

    const schema = testcase('fixtures/cards/failing/fails-schema.md');
    expect(xpath(file, `string(${schema}/@name)`)).toBe('Lists apps <b>&</b> "expects" a count it never gets');
    expect(xpath(file, `string(${schema}/failure)`)).toContain(
      'schema /total: required field /total is missing\n  - expected: present\n  + found:    missing',
    );

    const errored = testcase('fixtures/seeds/000_e5b2871b98d23f98.txt');
    expect(xpath(file, `string(${errored}/error/@type)`)).toBe('unresolved-placeholder');
    expect(xpath(file, `string(${errored}/error)`)).toContain('74 |     "service_secret": "{{resolved.uid}}"');

    const flaky = testcase('fixtures/cards/failing/flaky/fails-once.md');
    expect(xpath(file, `count(${flaky}/failure | ${flaky}/error | ${flaky}/skipped)`)).toBe('0');
    expect(xpath(file, `string(${flaky}/system-out)`)).toMatch(
      /^flaky: failed, then passed on a retry\nattempt 1 of 2: failed \(expected status 2xx, got 500\), \d+ ms\nattempt 2 of 2: passed, \d+ ms$/,
    );
  });

  it('keeps each failed attempt of a retried card as a rerunFailure', async () => {
    const run = await runCards({
      cwd: ROOT,
      ledgerDir: dir,
      paths: ['fixtures/cards/failing/fails-status.md'],
      retries: 1,
      seed: 1,
    });
    const file = await written(run, 'reruns.xml');
    expect(validateJunit(file)).toBe('');
    expect(xpath(file, 'count(//testcase/failure)')).toBe('1');
    expect(xpath(file, 'count(//testcase/rerunFailure)')).toBe('1');
    expect(xpath(file, 'string(//testcase/rerunFailure/@message)')).toBe('expected status 201, got 200');
  });

  it('escapes markup and writes characters XML 1.0 forbids so the file stays well-formed', async () => {
    const { run } = await sampleRun();
    const nasty =
      'bad \u0001 byte, \u001b[31mred\u001b[0m, ]]> & <tag> "quoted" \'single\'\tand a lone \ud800 surrogate\nsecond line';
    const card = run.cards.find((c) => c.outcome === 'failed');
    if (!card) throw new Error('the sample has a failed card');
    const file = await written({ ...run, cards: [{ ...card, title: nasty, reason: nasty }] }, 'nasty.xml');
    expect(validateJunit(file)).toBe('');
    const expected =
      'bad \\x01 byte, \\x1B[31mred\\x1B[0m, ]]> & <tag> "quoted" \'single\'\tand a lone \uFFFD surrogate\nsecond line';
    expect(xpath(file, 'string(//testcase/@name)')).toBe(expected);
    expect(xpath(file, 'string(//testcase/failure/@message)')).toBe(expected);
  });
});

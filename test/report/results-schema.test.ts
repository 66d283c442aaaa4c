import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { toResultsJson } from '../../src/report/json-report.js';
import { cardcheck } from '../support/cli.js';
import { ROOT, sampleRun } from '../support/sample-run.js';
import { tempDir } from '../support/temp-dir.js';

// ajv-formats is CommonJS with a `default` export; under NodeNext the default import is the module object.
const addFormats = ((formatsModule as unknown as { default?: typeof formatsModule }).default ??
  formatsModule) as unknown as (ajv: Ajv) => Ajv;

async function validator() {
  const schema = JSON.parse(await readFile(path.join(ROOT, 'schemas/results.schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('results.json and its JSON Schema', () => {
  it("a real run's results.json, written by `cardcheck run`, is valid against schemas/results.schema.json", async () => {
    const out = await tempDir('cc-schema-');
    const res = await cardcheck([
      'run',
      'specs/vcita',
      // Standards checks, passed and warnings (youhodler's error model is not RFC 6749's).
      'specs/youhodler/token-wrong-secret.md',
      'fixtures/cards/failing/fails-status.md',
      'fixtures/seeds/000_e5b2871b98d23f98.txt',
      '--out',
      out,
    ]);
    expect(res.code).toBe(1);
    const data = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as {
      format: string;
      cards: { outcome: string }[];
    };
    const validate = await validator();
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    expect(data.format).toBe('cardcheck-results/4');
    expect(new Set(data.cards.map((c) => c.outcome))).toEqual(new Set(['passed', 'skipped', 'failed', 'errored']));
  });

  it('accepts a run with a flaky card and its attempts, and rejects what breaks the format', async () => {
    const { run } = await sampleRun();
    const validate = await validator();
    const json = JSON.parse(JSON.stringify(toResultsJson(run))) as {
      cards: { outcome: string }[];
      summary: Record<string, unknown>;
    };
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    const badOutcome = structuredClone(json);
    (badOutcome.cards[0] as { outcome: string }).outcome = 'green';
    expect(validate(badOutcome)).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === '/cards/0/outcome')).toBe(true);
    const extra = { ...json, summary: { ...json.summary, ok: true } };
    expect(validate(extra)).toBe(false);
  });

  it('documents every field of the schema in schemas/README.md', async () => {
    const schema = JSON.parse(await readFile(path.join(ROOT, 'schemas/results.schema.json'), 'utf8')) as {
      properties: Record<string, unknown>;
      definitions: Record<string, { properties?: Record<string, unknown> }>;
    };
    const readme = await readFile(path.join(ROOT, 'schemas/README.md'), 'utf8');
    const names = [
      ...Object.keys(schema.properties),
      ...Object.values(schema.definitions).flatMap((d) => Object.keys(d.properties ?? {})),
    ];
    const missing = [...new Set(names)].filter((n) => !readme.includes(`\`${n}\``));
    expect(missing).toEqual([]);
  });
});

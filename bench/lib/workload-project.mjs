/**
 * A temporary project for bench/workload.mjs: N copies of the seed-format
 * token card (specs/vcita/create-token-service.md: create an app, exchange its
 * client id and secret, check status and schema, delete the app), each under
 * its own file name and title, and a config giving the folder its bearer auth.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CARD = readFileSync(path.join(ROOT, 'specs/vcita/create-token-service.md'), 'utf8');

const CONFIG = `targets:
  bench:
    apis:
      vcita: "{{env.BENCH_ORIGIN}}"
defaultTarget: bench
auth:
  vcita-directory:
    type: bearer
    token: "{{env.DIRECTORY_TOKEN}}"
folders:
  specs/vcita:
    api: vcita
    auth: vcita-directory
`;

/** Writes the project with `cards` cards; returns its folder and a function removing it. */
export function workloadProject(cards) {
  const dir = mkdtempSync(path.join(tmpdir(), 'cardcheck-bench-workload-'));
  mkdirSync(path.join(dir, 'specs/vcita'), { recursive: true });
  writeFileSync(path.join(dir, 'cardcheck.config.yaml'), CONFIG);
  for (let i = 0; i < cards; i++) {
    const text = CARD.replace('# Create Token', `# Create Token ${i}`);
    writeFileSync(path.join(dir, 'specs/vcita', `create-token-${String(i).padStart(6, '0')}.md`), text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

import { execFileSync, spawnSync } from 'node:child_process';

/** End-to-end tests run the built CLI, so build once before any test. */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
  // Debian's chromium and xmllint for the report tests, installed when missing (a failure is reported by those tests).
  spawnSync(process.execPath, ['scripts/ensure-test-tools.mjs'], { stdio: 'inherit' });
}

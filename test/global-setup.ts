import { execFileSync } from 'node:child_process';

/** End-to-end tests run the built CLI, so build once before any test. */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}

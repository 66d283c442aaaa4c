#!/usr/bin/env node
// Installs the Debian packages the report tests drive, when they are missing:
// chromium (the HTML report is checked in a real headless browser) and
// libxml2-utils (xmllint validates the JUnit XML against junit-10.xsd).
// Run by the vitest global setup, so `npm test` stays the one command.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const TOOLS = [
  { bin: '/usr/bin/chromium', pkg: 'chromium', why: 'the HTML report test opens the report in headless Chromium' },
  {
    bin: '/usr/bin/xmllint',
    pkg: 'libxml2-utils',
    why: 'the JUnit test validates the XML against junit-10.xsd with xmllint',
  },
];

const missing = TOOLS.filter((t) => !existsSync(t.bin));
if (missing.length === 0) process.exit(0);

for (const t of missing) console.log(`ensure-test-tools: ${t.bin} is missing (${t.why}); installing Debian's ${t.pkg}`);
if (!existsSync('/usr/bin/apt-get')) {
  console.log(
    'ensure-test-tools: apt-get is not available here; install these packages by hand: ' +
      missing.map((t) => t.pkg).join(' '),
  );
  process.exit(1);
}
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const run = (args) => {
  console.log(`ensure-test-tools: apt-get ${args.join(' ')}`);
  execFileSync('apt-get', args, { stdio: 'inherit', env });
};
try {
  run(['update', '-qq']);
  run(['install', '-y', '-qq', ...missing.map((t) => t.pkg)]);
} catch (err) {
  console.log(
    `ensure-test-tools: the install failed (${err instanceof Error ? err.message : String(err)}); the browser and JUnit schema tests will say what is missing`,
  );
  process.exit(1);
}
for (const t of missing)
  console.log(`ensure-test-tools: ${t.bin} ${existsSync(t.bin) ? 'installed' : 'still missing'}`);

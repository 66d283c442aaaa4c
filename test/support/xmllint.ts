import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './cli.js';

export const XMLLINT = '/usr/bin/xmllint';
export const JUNIT_XSD = path.join(ROOT, 'schemas/junit-10.xsd');

function xmllint(args: string[]): { code: number | null; stdout: string; stderr: string } {
  if (!existsSync(XMLLINT))
    throw new Error(
      `${XMLLINT} is missing: the test setup installs Debian's libxml2-utils (scripts/ensure-test-tools.mjs); install it by hand if that failed`,
    );
  const r = spawnSync(XMLLINT, args, { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Validate against junit-10.xsd; returns xmllint's complaints ('' when valid). */
export function validateJunit(file: string): string {
  const r = xmllint(['--noout', '--schema', JUNIT_XSD, file]);
  return r.code === 0 ? '' : r.stderr;
}

/** Evaluate an XPath expression that yields a string or number, as xmllint reads the file. */
export function xpath(file: string, expr: string): string {
  const r = xmllint(['--xpath', expr, file]);
  if (r.code !== 0 && !/XPath set is empty/.test(r.stderr)) throw new Error(`xmllint --xpath ${expr}: ${r.stderr}`);
  // xmllint ends its output with one newline of its own.
  return r.stdout.endsWith('\n') ? r.stdout.slice(0, -1) : r.stdout;
}

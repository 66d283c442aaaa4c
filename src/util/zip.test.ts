import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.js';
import { readZip, writeZip } from './zip.js';

describe('zip', () => {
  it('reads back what it writes, names and bytes', () => {
    const entries = new Map([
      ['trace.trace', Buffer.from('{"a":1}\n')],
      ['resources/é.txt', Buffer.from([0, 1, 2, 255])],
    ]);
    expect(readZip(writeZip(entries))).toEqual(entries);
  });

  it.skipIf(!existsSync('/usr/bin/unzip'))('writes a zip unzip accepts (CRCs checked)', async () => {
    const file = path.join(await tempDir('cardcheck-zip-'), 't.zip');
    await writeFile(file, writeZip(new Map([['a.txt', Buffer.from('hello')]])));
    expect(execFileSync('/usr/bin/unzip', ['-t', file]).toString()).toContain('No errors detected');
    expect(execFileSync('/usr/bin/unzip', ['-p', file, 'a.txt']).toString()).toBe('hello');
  });

  it('reads deflated entries (as Playwright writes them) and refuses what is not a zip', () => {
    const data = Buffer.from('x'.repeat(100));
    const deflated = Buffer.from(zipSync({ a: data }, { level: 6 }));
    expect(deflated.length).toBeLessThan(100 + 100);
    expect(readZip(deflated).get('a')).toEqual(data);
    expect(() => readZip(Buffer.from('nope'))).toThrow();
  });
});

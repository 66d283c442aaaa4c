import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
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

  it('reads deflated entries and refuses what is not a zip', () => {
    const data = Buffer.from('x'.repeat(100));
    const stored = writeZip(new Map([['a', deflateRawSync(data)]]));
    // Mark the entry deflated (method 8) in its central directory record.
    const central = stored.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    stored.writeUInt16LE(8, central + 10);
    expect(readZip(stored).get('a')).toEqual(data);
    expect(() => readZip(Buffer.from('nope'))).toThrow('not a zip');
  });
});

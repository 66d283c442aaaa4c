import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirSync } from '../../test/support/temp-dir.js';
import { RecoveryStore, readStore, recoveryDir, recoveryFile } from './recovery-store.js';

describe('the recovery store', () => {
  it('lives under $XDG_STATE_HOME/cardcheck/recovery, else ~/.local/state; a run id that is not a plain name has none', () => {
    expect(recoveryDir({ XDG_STATE_HOME: '/s' })).toBe('/s/cardcheck/recovery');
    expect(recoveryDir({ XDG_STATE_HOME: 'relative' })).toMatch(/\.local\/state\/cardcheck\/recovery$/);
    expect(recoveryFile({ XDG_STATE_HOME: '/s' }, 'abc-1')).toBe('/s/cardcheck/recovery/abc-1.jsonl');
    expect(recoveryFile({ XDG_STATE_HOME: '/s' }, '../x')).toBeUndefined();
  });

  it('is made with mode 0600 on the first entry, loses each entry as it is cleaned, and goes with the last', () => {
    const file = recoveryFile({ XDG_STATE_HOME: tempDirSync() }, 'run-1') ?? '';
    const store = new RecoveryStore(file, { project: '/p', runId: 'run-1' });
    expect(existsSync(file)).toBe(false);
    store.put({ key: 'run-1:1', parts: [{ headers: { Authorization: 'Bearer one' } }] });
    store.put({ key: 'run-1:2', parts: [null, { path: '/x/two' }] });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readStore(file, '/p')?.entries.map((e) => e.key)).toEqual(['run-1:1', 'run-1:2']);
    expect(readStore(file, '/other')).toBeUndefined();
    store.drop('run-1:1');
    expect(readFileSync(file, 'utf8')).not.toContain('Bearer one');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    store.drop('run-1:2');
    expect(existsSync(file)).toBe(false);
  });

  it('is never opened when a file is already there (created exclusively)', () => {
    const file = path.join(tempDirSync(), 'cardcheck', 'recovery', 'run-2.jsonl');
    const store = new RecoveryStore(file, { project: '/p', runId: 'run-2' });
    store.put({ key: 'run-2:1', parts: [null] });
    const again = new RecoveryStore(file, { project: '/p', runId: 'run-2' });
    expect(() => again.put({ key: 'run-2:1', parts: [null] })).toThrow(/EEXIST/);
  });
});

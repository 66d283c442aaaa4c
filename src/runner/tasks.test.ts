import { describe, expect, it } from 'vitest';
import type { Task } from './tasks.js';
import { runTasks } from './tasks.js';

function recorder() {
  const log: string[] = [];
  const task = (name: string, fail?: 'setup' | 'teardown'): Task<string[]> => ({
    name,
    setup: (l) => {
      l.push(`setup ${name}`);
      if (fail === 'setup') throw new Error(`${name} failed`);
    },
    teardown: (l) => {
      l.push(`teardown ${name}`);
      if (fail === 'teardown') throw new Error(`${name} teardown failed`);
    },
  });
  return { log, task };
}

describe('runTasks', () => {
  it('tears down every task in reverse order after a success', async () => {
    const { log, task } = recorder();
    await runTasks(log, [task('load'), task('sandbox'), task('execute')]);
    expect(log).toEqual([
      'setup load',
      'setup sandbox',
      'setup execute',
      'teardown execute',
      'teardown sandbox',
      'teardown load',
    ]);
  });

  it('tears down the failing task and the ones before it, then throws the setup error', async () => {
    const { log, task } = recorder();
    await expect(runTasks(log, [task('sandbox'), task('journal', 'setup'), task('execute')])).rejects.toThrow(
      'journal failed',
    );
    expect(log).toEqual(['setup sandbox', 'setup journal', 'teardown journal', 'teardown sandbox']);
  });

  it('runs the other teardowns when one throws, and reports the first error', async () => {
    const { log, task } = recorder();
    await expect(runTasks(log, [task('a'), task('b', 'teardown'), task('c', 'setup')])).rejects.toThrow('c failed');
    expect(log).toEqual(['setup a', 'setup b', 'setup c', 'teardown c', 'teardown b', 'teardown a']);
  });
});

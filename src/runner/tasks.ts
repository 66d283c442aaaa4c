/**
 * One named step of a run. Its teardown is registered before its setup runs,
 * so a setup that fails half-way (a sandbox started, then a port refused) is
 * still torn down, and every later failure closes what earlier steps opened.
 */
export interface Task<C> {
  readonly name: string;
  setup(ctx: C): Promise<void> | void;
  /** Runs once, in reverse order of registration, whether the run succeeded or not. */
  teardown?(ctx: C): Promise<void> | void;
}

/**
 * Runs the tasks in order over one shared context, then the teardowns of every
 * task that started, newest first. The first error (of a setup, else of a
 * teardown) is thrown after every teardown has run.
 */
export async function runTasks<C>(ctx: C, tasks: readonly Task<C>[]): Promise<void> {
  const started: Task<C>[] = [];
  let failure: { error: unknown } | undefined;
  try {
    for (const task of tasks) {
      started.push(task);
      await task.setup(ctx);
    }
  } catch (error) {
    failure = { error };
  }
  for (const task of started.reverse()) {
    try {
      await task.teardown?.(ctx);
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
}

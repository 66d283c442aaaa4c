/**
 * End the process once stdout and stderr have taken every line written (a pipe is asynchronous on macOS). After
 * the last await Node would otherwise wait for V8's background tasks (compiling hot functions, sweeping) before it
 * exits: some 30–70 ms of a one-card run (bench/startup.mjs), spent after everything was written.
 */
export async function exitWhenFlushed(): Promise<never> {
  await Promise.all(
    [process.stdout, process.stderr].map(
      (stream) =>
        new Promise<void>((resolve) => {
          if (stream.destroyed || !stream.writable) resolve();
          else stream.write('', () => resolve());
        }),
    ),
  );
  process.exit();
}

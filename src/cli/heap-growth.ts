import { setFlagsFromString } from 'node:v8';

/**
 * How much V8 lets the heap grow past what the last full collection kept, in per cent. V8's own factor goes up
 * to 4× while a program allocates fast, which a run does: 10,000 cards peaked at 260-290 MiB RSS with a live heap
 * of about 45 MiB; with 30 % they peak near 190 MiB at no measurable cost in time (issue 14, bench/workload.mjs).
 * The flag is read after each full collection, so setting it at start-up takes effect.
 */
export const HEAP_GROWING_PERCENT = 30;

/** Keep a long run's heap near what it uses (the CLI's run and watch commands; not the programmatic API). */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

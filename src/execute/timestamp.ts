/**
 * `{{timestamp}}` source: milliseconds, one value per card execution,
 * strictly increasing across the run even when cards start in the same ms.
 */
export function createTimestampSource(now: () => number = Date.now): () => number {
  let last = 0;
  return () => {
    last = Math.max(now(), last + 1);
    return last;
  };
}

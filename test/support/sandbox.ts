/** Helpers for the sandbox's own tests (not shipped behaviour). */
export const json = (
  body: unknown,
  headers: Record<string, string> = {},
): RequestInit & { headers: Record<string, string> } => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** A clock tests move by hand. */
export function manualClock(start = Date.parse('2026-01-01T00:00:00Z')) {
  let now = start;
  return {
    clock: () => now,
    advance: (ms: number): void => {
      now += ms;
    },
    now: () => now,
  };
}

/** A sleep that only records what it was asked to wait. */
export function recordingSleep() {
  const waits: number[] = [];
  return { sleep: async (ms: number) => void waits.push(ms), waits };
}

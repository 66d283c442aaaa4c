/**
 * One gate per target host, shared by every concurrent card: when the host
 * says "slow down" (429, 503), the whole run waits, instead of each worker
 * hammering on.
 */
export class HostLimiter {
  private readonly openAt = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Wait until the host is open. */
  async wait(host: string): Promise<void> {
    for (;;) {
      const delay = (this.openAt.get(host) ?? 0) - this.now();
      if (delay <= 0) return;
      await this.sleep(delay);
    }
  }

  /** Close the host for `ms` (never shortens an earlier pause). */
  pause(host: string, ms: number): void {
    this.openAt.set(host, Math.max(this.openAt.get(host) ?? 0, this.now() + ms));
  }
}

/** Counters every API of the sandbox reports into. */
export class SandboxStats {
  readonly requests = new Map<string, number>();
  private readonly liveByKind = new Map<string, Set<string>>();
  private readonly createdByKind = new Map<string, number>();
  private readonly faultsByKind = new Map<string, number>();
  /** Every secret and token the sandbox handed out; in-process only, for leak tests. */
  readonly issued: string[] = [];

  /** Make a resource kind show up in snapshots (with 0) before anything of it is created. */
  declareKind(kind: string): void {
    if (!this.liveByKind.has(kind)) this.liveByKind.set(kind, new Set());
  }

  countRequest(route: string): void {
    this.requests.set(route, (this.requests.get(route) ?? 0) + 1);
  }

  countFault(kind: string): void {
    this.faultsByKind.set(kind, (this.faultsByKind.get(kind) ?? 0) + 1);
  }

  created(kind: string, id: string): void {
    this.declareKind(kind);
    this.liveByKind.get(kind)?.add(id);
    this.createdByKind.set(kind, (this.createdByKind.get(kind) ?? 0) + 1);
  }

  removed(kind: string, id: string): void {
    this.liveByKind.get(kind)?.delete(id);
  }

  issue(secret: string): string {
    this.issued.push(secret);
    return secret;
  }

  snapshot(): StatsSnapshot {
    const live: Record<string, number> = {};
    const liveIds: Record<string, string[]> = {};
    for (const [k, v] of this.liveByKind) {
      live[k] = v.size;
      liveIds[k] = [...v];
    }
    return {
      live,
      liveIds,
      created: Object.fromEntries(this.createdByKind),
      requests: Object.fromEntries(this.requests),
      faults: Object.fromEntries(this.faultsByKind),
    };
  }
}

export interface StatsSnapshot {
  /** Resources alive now, per kind (`app`, `rocketchat-app`, `service-account`). */
  live: Record<string, number>;
  liveIds: Record<string, string[]>;
  /** Resources ever created, per kind. */
  created: Record<string, number>;
  /** Requests per `METHOD /route`. */
  requests: Record<string, number>;
  /** Injected faults per kind (`status-503`, `reset`, `latency`, `slow-body`, …). */
  faults: Record<string, number>;
}

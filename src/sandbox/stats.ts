/** Counters every API of the sandbox reports into. */
export class SandboxStats {
  readonly requests = new Map<string, number>();
  private readonly liveByKind = new Map<string, Set<string>>();
  private readonly createdByKind = new Map<string, number>();
  /** Every secret and token the sandbox handed out; in-process only, for leak tests. */
  readonly issued: string[] = [];

  countRequest(route: string): void {
    this.requests.set(route, (this.requests.get(route) ?? 0) + 1);
  }

  created(kind: string, id: string): void {
    let set = this.liveByKind.get(kind);
    if (!set) this.liveByKind.set(kind, (set = new Set()));
    set.add(id);
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
    return { live, liveIds, created: Object.fromEntries(this.createdByKind), requests: Object.fromEntries(this.requests) };
  }
}

export interface StatsSnapshot {
  /** Resources alive now, per kind. */
  live: Record<string, number>;
  liveIds: Record<string, string[]>;
  /** Resources ever created, per kind. */
  created: Record<string, number>;
  /** Requests per `METHOD /route`. */
  requests: Record<string, number>;
}

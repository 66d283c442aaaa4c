/** A service account; its secret is kept only as a digest. */
export interface ServiceAccount {
  id: string;
  clientId: string;
  name: string;
  capabilities: string[];
  status: 'active' | 'disabled';
  /** Sandbox-only: overrides the sandbox-wide token rate limit. */
  tokenRateLimitPerMinute?: number;
  secretDigest: Buffer;
  createdAt: string;
  updatedAt: string;
}

export class YouhodlerState {
  readonly accounts = new Map<string, ServiceAccount>();

  byClientId(clientId: string): ServiceAccount | undefined {
    for (const a of this.accounts.values()) if (a.clientId === clientId) return a;
    return undefined;
  }
}

/** The account as every endpoint shows it; the secret is added only by create and rotate-secret. */
export function publicAccount(a: ServiceAccount): Record<string, unknown> {
  return {
    id: a.id,
    client_id: a.clientId,
    name: a.name,
    capabilities: a.capabilities,
    status: a.status,
    token_rate_limit_per_minute: a.tokenRateLimitPerMinute ?? null,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}

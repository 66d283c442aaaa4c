import { hashSecret, newSecret } from '../../secrets.js';

export const KIND = 'oauth-client';

export interface Client {
  clientId: string;
  secretDigest: Buffer;
  /** RFC 7592 registration access token; the preregistered client has none. */
  ratDigest?: Buffer;
  issuedAt: number;
  metadata: Record<string, unknown>;
  deleted: boolean;
}

export interface Grant {
  kind: 'access' | 'refresh';
  clientId: string;
  scope: string;
  sub: string;
  iat: number;
  exp: number;
  active: boolean;
}

export interface Code {
  clientId: string;
  redirectUri: string;
  challenge: string;
  method: 'S256' | 'plain';
  scope: string;
  exp: number;
  used: boolean;
  /** Digests of the tokens its exchange issued: revoked when the code is replayed (RFC 6749 §4.1.2). */
  issued: string[];
}

const key = (secret: string) => hashSecret(secret).toString('hex');

/** Clients, codes and tokens, secrets only as SHA-256 digests. */
export class OauthState {
  readonly clients = new Map<string, Client>();
  private readonly grants = new Map<string, Grant>();
  private readonly codes = new Map<string, Code>();

  addClient(client: Client): void {
    this.clients.set(client.clientId, client);
  }

  issue(grant: Grant, prefix: 'at_' | 'rt_'): { token: string; key: string } {
    const token = newSecret(prefix);
    this.grants.set(key(token), grant);
    return { token, key: key(token) };
  }

  grant(token: unknown): Grant | undefined {
    return typeof token === 'string' ? this.grants.get(key(token)) : undefined;
  }

  /** Deactivates the tokens with these digests. */
  revokeKeys(keys: readonly string[]): void {
    for (const k of keys) {
      const g = this.grants.get(k);
      if (g) g.active = false;
    }
  }

  revokeClient(clientId: string): void {
    for (const g of this.grants.values()) if (g.clientId === clientId) g.active = false;
  }

  addCode(code: Code): string {
    const value = newSecret('ac_');
    this.codes.set(key(value), code);
    return value;
  }

  code(value: unknown): Code | undefined {
    return typeof value === 'string' ? this.codes.get(key(value)) : undefined;
  }
}

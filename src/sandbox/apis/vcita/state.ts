/** An OAuth app of the vcita-style platform. The secret is kept only as a digest. */
export interface App {
  id: string;
  name: string;
  appCodeName: string;
  appType: string;
  redirectUri: string;
  scopes: string[];
  clientId: string;
  secretDigest: Buffer;
  createdAt: string;
}

export interface AuthCode {
  clientId: string;
  redirectUri: string;
  scope: string;
  expiresAt: number;
  used: boolean;
  codeChallenge?: string;
  /** Token ids issued from this code, revoked if the code is replayed. */
  issuedTokenIds: string[];
  /** The grant the code starts; its refresh tokens die with it. */
  grantId: string;
}

/** A refresh token, keyed by its digest. Single use: each exchange rotates it. */
export interface RefreshToken {
  clientId: string;
  scope: string;
  grantId: string;
  expiresAt: number;
  used: boolean;
}

export interface ConsentRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
  codeChallenge?: string;
  expiresAt: number;
}

export class VcitaState {
  readonly apps = new Map<string, App>();
  /** Keyed by the code digest (hex). */
  readonly codes = new Map<string, AuthCode>();
  /** Keyed by CSRF token. */
  readonly consents = new Map<string, ConsentRequest>();
  readonly revokedTokenIds = new Set<string>();
  /** Keyed by the refresh token digest (hex). */
  readonly refreshTokens = new Map<string, RefreshToken>();
  /** Grants revoked by a code replay or a refresh token reuse. */
  readonly revokedGrants = new Set<string>();

  appByCodeName(name: string): App | undefined {
    for (const app of this.apps.values()) if (app.appCodeName === name) return app;
    return undefined;
  }
}

export function publicApp(app: App): Record<string, unknown> {
  return {
    id: app.id,
    name: app.name,
    app_code_name: app.appCodeName,
    app_type: app.appType,
    redirect_uri: app.redirectUri,
    scopes: app.scopes,
    client_id: app.clientId,
    created_at: app.createdAt,
  };
}

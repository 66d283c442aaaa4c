import { hashSecret } from '../../secrets.js';
import type { RocketchatCredentials, RocketchatUser } from './context.js';
import { MANAGE_OAUTH_APPS } from './context.js';

/** An OAuth app; its secret is kept only as a digest. */
export interface OauthApp {
  name: string;
  redirectUri: string;
  active: boolean;
  clientId: string;
  secretDigest: Buffer;
  _createdAt: string;
  _updatedAt: string;
  _createdBy: { _id: string; username: string };
  _id: string;
}

export class RocketchatState {
  readonly apps = new Map<string, OauthApp>();
  readonly users = new Map<string, RocketchatUser>();

  constructor(admin: RocketchatCredentials, limited: RocketchatCredentials) {
    this.addUser(admin, 'sandbox.admin', [MANAGE_OAUTH_APPS]);
    this.addUser(limited, 'sandbox.user', []);
  }

  private addUser(creds: RocketchatCredentials, username: string, permissions: string[]): void {
    this.users.set(creds.userId, {
      _id: creds.userId,
      username,
      tokenDigest: hashSecret(creds.authToken),
      permissions,
    });
  }

  appByClientId(clientId: string): OauthApp | undefined {
    for (const app of this.apps.values()) if (app.clientId === clientId) return app;
    return undefined;
  }
}

/** The app as get and list show it: everything but the secret. */
export function publicApp(app: OauthApp): Record<string, unknown> {
  const { name, redirectUri, active, clientId, _createdAt, _updatedAt, _createdBy, _id } = app;
  return { name, redirectUri, active, clientId, _createdAt, _updatedAt, _createdBy, _id };
}

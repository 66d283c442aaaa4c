import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Clock } from './clock.js';

/** Signs and checks the sandbox's access tokens (HS256 JWTs with a per-instance key). */
export class TokenSigner {
  private readonly key = new Uint8Array(randomBytes(32));

  constructor(
    private readonly clock: Clock,
    private readonly issuer: string,
  ) {}

  async sign(subject: string, claims: Record<string, unknown>, ttlSeconds: number): Promise<string> {
    const now = Math.floor(this.clock() / 1000);
    return new SignJWT({ ...claims, jti: randomBytes(8).toString('hex') })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setIssuer(this.issuer)
      .setSubject(subject)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .sign(this.key);
  }

  /** The token's claims, or undefined when it is forged or expired. */
  async verify(token: string): Promise<Record<string, unknown> | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: this.issuer,
        currentDate: new Date(this.clock()),
      });
      return payload as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random URL-safe secret with a readable prefix. */
export function newSecret(prefix: string, bytes = 24): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** Secrets are stored only as digests. */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Constant-time comparison over digests, so length differences leak nothing either. */
export function secretMatches(candidate: unknown, storedDigest: Buffer): boolean {
  if (typeof candidate !== 'string') return false;
  return timingSafeEqual(hashSecret(candidate), storedDigest);
}

import { randomBytes } from 'node:crypto';

const METEOR_CHARS = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';

/** A 17-character Meteor-style id, like Rocket.Chat user ids and OAuth client ids. */
export function meteorId(): string {
  const bytes = randomBytes(17);
  let id = '';
  for (const b of bytes) id += METEOR_CHARS[b % METEOR_CHARS.length];
  return id;
}

/** A 24-hex-digit MongoDB ObjectId-looking id, like the seed's application `_id`. */
export function objectId(): string {
  return randomBytes(12).toString('hex');
}

/** A 43-character secret, the length of the seed's clientSecret and of Rocket.Chat login tokens. */
export function meteorSecret(): string {
  return randomBytes(32).toString('base64url');
}

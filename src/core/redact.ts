/**
 * Keys whose values are secret wherever they appear (JSON bodies, forms,
 * fields, headers): `access_token`, `authToken`, `X-Auth-Token`,
 * `client_secret`, `password`… Not `token_type` or `issued_token_type`
 * (their values are words like `Bearer`), and not `code`: error codes such
 * as `rate_limited` stay visible.
 */
export const SECRET_KEY = /token$|secret|password|passwd|api[-_]?key|credential|^authorization$|^cookie$|^set-cookie$/i;
/** Environment variable names whose values are secret. */
export const SECRET_ENV = /TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|CREDENTIAL|PRIVATE/i;

export const REDACTED = '[redacted]';
const MIN_LENGTH = 6;

/** Polynomial hash of MIN_LENGTH characters in 32-bit integer arithmetic (wrapping, so every step is exact). */
const BASE = 31;
let power = 1;
for (let k = 1; k < MIN_LENGTH; k++) power = Math.imul(power, BASE);
/** BASE^(MIN_LENGTH-1): the weight of the character leaving the window. */
const LEAVING = power;

/** Hash of text[at, at + MIN_LENGTH). */
function windowHash(text: string, at: number): number {
  let h = 0;
  for (let k = at; k < at + MIN_LENGTH; k++) h = (Math.imul(h, BASE) + text.charCodeAt(k)) | 0;
  return h;
}

/** The window's hash moved one character on: `leaving` drops out at the left, `entering` comes in at the right. */
function roll(h: number, leaving: number, entering: number): number {
  return (Math.imul((h - Math.imul(leaving, LEAVING)) | 0, BASE) + entering) | 0;
}

/**
 * Tracks secret values from the moment they are captured or sent, and blanks
 * them, and their derived forms (URL-encoded, JSON-escaped, base64 of a Basic
 * pair), in any text that leaves the engine.
 */
export class Redactor {
  private readonly values = new Set<string>();
  /**
   * Secrets by a hash of their first MIN_LENGTH characters, longest first in
   * each bucket. A text is scanned once with a rolling hash of that window, so
   * redacting costs the same with ten secrets or ten thousand, and adding one
   * costs nothing more. (One regular expression of every secret, rebuilt when
   * one was added, made a long run quadratic: every card adds secrets.)
   */
  private readonly byPrefix = new Map<number, string[]>();
  /** Low 16 bits of every hash in byPrefix: most windows of a text are ruled out here, without a map lookup. */
  private readonly maybe = new Uint8Array(1 << 16);

  /** Remember a secret value. Short values are ignored: blanking them would blank ordinary text. */
  add(value: unknown): void {
    if (typeof value !== 'string' || value.length < MIN_LENGTH) return;
    const forms = [
      value,
      encodeURIComponent(value),
      encodeURIComponent(value).replace(/%20/g, '+'),
      JSON.stringify(value).slice(1, -1),
    ];
    for (const f of forms)
      if (!this.values.has(f)) {
        this.values.add(f);
        const key = windowHash(f, 0);
        this.maybe[key & 0xffff] = 1;
        const bucket = this.byPrefix.get(key);
        if (!bucket) this.byPrefix.set(key, [f]);
        else {
          const shorter = bucket.findIndex((v) => v.length < f.length);
          bucket.splice(shorter === -1 ? bucket.length : shorter, 0, f);
        }
      }
  }

  /** A Basic pair: both parts and the base64 of `id:secret`. */
  addBasic(header: string): void {
    const m = /^Basic\s+(\S+)/i.exec(header);
    if (!m?.[1]) return;
    this.add(m[1]);
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i >= 0) this.add(decoded.slice(i + 1));
  }

  /** Walk a parsed body: every value under a secret-looking key is a secret. */
  addFromJson(value: unknown, secretKey = false): void {
    if (typeof value === 'string') {
      if (secretKey) this.add(value);
    } else if (Array.isArray(value)) {
      for (const v of value) this.addFromJson(v, secretKey);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) this.addFromJson(v, secretKey || SECRET_KEY.test(k));
    }
  }

  addFromEnv(env: Readonly<Record<string, string | undefined>>): void {
    for (const [k, v] of Object.entries(env)) if (SECRET_ENV.test(k)) this.add(v);
  }

  /**
   * `text` with every known secret replaced by [redacted]: scanning left to
   * right, at each position the longest secret that starts there.
   */
  redact(text: string): string {
    if (this.values.size === 0 || text.length < MIN_LENGTH) return text;
    let out = '';
    let copied = 0;
    let h = windowHash(text, 0);
    for (let i = 0; i + MIN_LENGTH <= text.length; ) {
      const found = this.maybe[h & 0xffff] === 1 ? this.byPrefix.get(h)?.find((v) => text.startsWith(v, i)) : undefined;
      if (found) {
        out += text.slice(copied, i) + REDACTED;
        i += found.length;
        copied = i;
        if (i + MIN_LENGTH <= text.length) h = windowHash(text, i);
        continue;
      }
      if (i + MIN_LENGTH < text.length) h = roll(h, text.charCodeAt(i), text.charCodeAt(i + MIN_LENGTH));
      i++;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }

  /** A deep copy with every string redacted. */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.redactDeep(v)) as T;
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redactDeep(v)])) as T;
    return value;
  }
}

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

/**
 * Tracks secret values from the moment they are captured or sent, and blanks
 * them, and their derived forms (URL-encoded, JSON-escaped, base64 of a Basic
 * pair), in any text that leaves the engine.
 */
export class Redactor {
  private readonly values = new Set<string>();
  private pattern: RegExp | undefined;

  /** Remember a secret value. Short values are ignored: blanking them would blank ordinary text. */
  add(value: unknown): void {
    if (typeof value !== 'string' || value.length < MIN_LENGTH) return;
    const forms = [value, encodeURIComponent(value), encodeURIComponent(value).replace(/%20/g, '+'), JSON.stringify(value).slice(1, -1)];
    for (const f of forms) if (!this.values.has(f)) {
      this.values.add(f);
      this.pattern = undefined;
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

  redact(text: string): string {
    if (this.values.size === 0) return text;
    this.pattern ??= new RegExp([...this.values].sort((a, b) => b.length - a.length).map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
    return text.replace(this.pattern, REDACTED);
  }

  /** A deep copy with every string redacted. */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.redactDeep(v)) as T;
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redactDeep(v)])) as T;
    return value;
  }
}

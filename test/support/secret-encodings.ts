/** Percent-encoding of every byte that is not a letter, digit, `_`, `.` or `-`, lower-case hex. */
const percentEvery = (s: string) =>
  Array.from(Buffer.from(s, 'utf8'), (b) =>
    /[A-Za-z0-9_.-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`,
  ).join('');

/**
 * A secret in every encoding a server, a form or a report may write it in:
 * the scan's list of what must not appear anywhere.
 */
export function encodings(secret: string): Record<string, string> {
  return {
    raw: secret,
    'json-escaped': JSON.stringify(secret).slice(1, -1),
    'json-escaped with \\/': JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/'),
    'json \\u-escaped': secret
      .split('')
      .map((c) => (/[a-z0-9]/i.test(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))
      .join(''),
    'percent (encodeURIComponent)': encodeURIComponent(secret),
    'percent upper-case': percentEvery(secret).replace(/%[0-9a-f]{2}/g, (h) => h.toUpperCase()),
    'percent lower-case': percentEvery(secret),
    form: new URLSearchParams({ s: secret }).toString().slice(2),
    base64: Buffer.from(secret).toString('base64'),
    base64url: Buffer.from(secret).toString('base64url'),
  };
}

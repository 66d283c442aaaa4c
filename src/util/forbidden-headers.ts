/**
 * Headers a card may not set: `Host` picks another virtual host, the others
 * are hop-by-hop (RFC 9110 §7.6.1) and change how the connection or the body
 * is framed. cardcheck's HTTP client sets them itself.
 */
export const FORBIDDEN_HEADERS: readonly string[] = [
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
];

/** Why a card may not set this header, or undefined when it may. */
export function forbiddenHeader(name: string): string | undefined {
  const n = name.toLowerCase();
  if (n === 'host') return "Host is set from the target's base URL, so a card cannot send to another virtual host";
  if (FORBIDDEN_HEADERS.includes(n) || n.startsWith('proxy-'))
    return `${name} is a hop-by-hop header: the HTTP client sets it, a card cannot`;
  return undefined;
}

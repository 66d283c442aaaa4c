import type { TransportErrorKind } from '../core/errors.js';
import { CardcheckError } from '../core/errors.js';
import { errors } from './undici-parts.js';

/** The target could not be talked to; not a contract failure. */
const transportError = (kind: TransportErrorKind, message: string) =>
  new CardcheckError('transport', message, { transport: kind });

/** The server's certificate could not be trusted: the code OpenSSL gives → what it means. */
const UNTRUSTED: Record<string, string> = {
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate chain ends in a CA this run does not trust',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate is signed by a CA this run does not trust',
  UNABLE_TO_GET_ISSUER_CERT: 'the issuer of its certificate is unknown to this run',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the issuer of its certificate is unknown to this run',
  CERT_UNTRUSTED: 'its certificate is not trusted',
};
const TLS_HINT_CA =
  'if the target uses a private CA, give its CA bundle as tls.ca of this target in cardcheck.config.yaml';

/** Alerts a server sends when it wants a (different) client certificate. */
const CLIENT_CERT_ALERTS =
  /CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|ACCESS_DENIED/;

function codeOf(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof e.code === 'string' ? e.code : '';
  const cause = typeof e.cause?.code === 'string' ? e.cause.code : '';
  // undici wraps socket errors; the cause holds the precise one.
  return code && code !== 'UND_ERR_SOCKET' ? code : cause || code;
}

function tlsError(code: string, where: string): CardcheckError | undefined {
  const untrusted = UNTRUSTED[code];
  if (untrusted)
    return transportError('tls', `${where} failed the TLS certificate check: ${untrusted} (${code}); ${TLS_HINT_CA}`);
  if (code === 'CERT_HAS_EXPIRED')
    return transportError('tls', `${where} failed the TLS certificate check: its certificate has expired (${code})`);
  if (code === 'CERT_NOT_YET_VALID')
    return transportError(
      'tls',
      `${where} failed the TLS certificate check: its certificate is not valid yet (${code}); check the clocks`,
    );
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return transportError(
      'tls',
      `${where} failed the TLS certificate check: its certificate is not issued for this host name (${code})`,
    );
  if (code.startsWith('ERR_SSL_') && CLIENT_CERT_ALERTS.test(code)) {
    return transportError(
      'tls',
      `${where} refused the TLS handshake (${code}): it wants a client certificate it accepts; give one as tls.cert and tls.key of this target in cardcheck.config.yaml`,
    );
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'))
    return transportError('tls', `the TLS handshake with ${where} failed (${code})`);
  return undefined;
}

/**
 * Map an undici or socket error to a stable kind and a message that names the
 * origin (and the proxy, when one is used), never a URL's credentials.
 */
export function toTransportError(
  err: unknown,
  url: URL,
  route: { proxy?: string; clientCert?: boolean } = {},
): CardcheckError {
  const { proxy } = route;
  const code = codeOf(err);
  const where = url.origin;
  const msg = err instanceof Error ? err.message : String(err);
  if ((err instanceof errors.ConnectTimeoutError || code === 'UND_ERR_CONNECT_TIMEOUT') && !proxy)
    return transportError(
      'connect-timeout',
      `${where} did not accept a connection in time (is the host reachable from here? a firewall that drops packets does this)`,
    );
  if (
    err instanceof errors.HeadersTimeoutError ||
    err instanceof errors.BodyTimeoutError ||
    err instanceof errors.ConnectTimeoutError ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return transportError('timeout', `${where} did not answer in time${proxy ? ` (through the proxy ${proxy})` : ''}`);
  }
  const tls = tlsError(code, where);
  if (tls) return tls;
  if (proxy) {
    const status = /Proxy response \((\d+)\)|\((\d+)\)/.exec(msg);
    if (/proxy/i.test(msg))
      return transportError(
        'proxy',
        `the proxy ${proxy} would not forward the request to ${where} (${status ? `it answered ${status[1] ?? status[2]}` : msg}); check HTTPS_PROXY / HTTP_PROXY, or exclude the host with NO_PROXY`,
      );
    if (code === 'ECONNREFUSED')
      return transportError(
        'refused',
        `the proxy ${proxy} refused the connection (for ${where}); check HTTPS_PROXY / HTTP_PROXY, or exclude the host with NO_PROXY`,
      );
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
      return transportError(
        'dns',
        `the host of the proxy ${proxy} could not be found (for ${where}); check HTTPS_PROXY / HTTP_PROXY`,
      );
  }
  if (code === 'ECONNREFUSED')
    return transportError('refused', `${where} refused the connection (is the target running?)`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return transportError('dns', `the host of ${where} could not be found (DNS lookup failed)`);
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || err instanceof errors.SocketError) {
    // Under TLS 1.3 a server that wants a client certificate closes the connection
    // after the handshake, before a byte of answer; the client sees no alert.
    const silent = (err as { socket?: { bytesRead?: number } }).socket?.bytesRead === 0;
    const hint =
      url.protocol === 'https:' && silent && !route.clientCert
        ? '; a server that requires a client certificate (mTLS) does this: give one as tls.cert and tls.key of this target in cardcheck.config.yaml'
        : '';
    return transportError('reset', `${where} closed the connection before answering${hint}`);
  }
  return transportError('other', `request to ${where} failed: ${msg}`);
}

import type { LookupFunction } from 'node:net';
import { rootCertificates } from 'node:tls';
import type { Dispatcher } from 'undici';
import type { ProxySettings } from './proxy-env.js';
import { describeProxy, proxyFor } from './proxy-env.js';
import { Agent, ProxyAgent } from './undici-parts.js';

/** TLS settings of one origin: PEM texts, never file names (the caller reads the files). */
export interface TlsSettings {
  /** Extra CA certificates to trust, on top of Node's bundled roots. */
  ca?: string;
  /** Client certificate chain (mTLS). */
  cert?: string;
  /** Private key of the client certificate. Secret: never printed. */
  key?: string;
  /** @default true */
  rejectUnauthorized?: boolean;
}

export interface DispatcherPoolOptions {
  timeoutMs: number;
  /** TLS settings per origin (`https://host:port`, as `URL.origin` writes it). */
  tls?: Readonly<Record<string, TlsSettings>>;
  /** Proxies from the environment; none when absent. */
  proxy?: ProxySettings;
  /** Host name lookup (tests inject one so they never need real DNS). @default dns.lookup */
  lookup?: LookupFunction;
}

/** The dispatcher for an origin, and the proxy it goes through (for messages). */
export interface Route {
  dispatcher: Dispatcher;
  /** Scheme, host and port of the proxy, when one is used. */
  proxy?: string;
  /** A client certificate is configured for the origin. */
  clientCert: boolean;
}

export interface DispatcherPool {
  routeFor(url: URL): Route;
  close(): Promise<void>;
}

function connectOptions(tls: TlsSettings | undefined, timeoutMs: number, lookup?: LookupFunction) {
  return {
    timeout: timeoutMs,
    ...(lookup ? { lookup } : {}),
    ...(tls?.ca ? { ca: [...rootCertificates, tls.ca] } : {}),
    ...(tls?.cert ? { cert: tls.cert } : {}),
    ...(tls?.key ? { key: tls.key } : {}),
    ...(tls?.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
  };
}

/**
 * Connecting gets 10 s, or half the request deadline when that is less (undici checks its timers every half second or so): a
 * host that accepts no connection is told apart from one that does not answer.
 */
export const connectTimeoutMs = (timeoutMs: number) => Math.max(1, Math.min(10_000, Math.floor(timeoutMs / 2)));

/**
 * One dispatcher per distinct (proxy, TLS settings) pair, made the first time
 * an origin needs it and reused for every later request: origins without
 * settings of their own share one Agent, as before.
 */
export function createDispatcherPool(options: DispatcherPoolOptions): DispatcherPool {
  const connectMs = connectTimeoutMs(options.timeoutMs);
  const timeouts = {
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connectTimeout: connectMs,
  };
  const byKey = new Map<string, Dispatcher>();
  const byOrigin = new Map<string, Route>();

  const make = (url: URL, proxy: string | undefined, tls: TlsSettings | undefined): Dispatcher => {
    const connect = connectOptions(tls, connectMs, options.lookup);
    if (!proxy) return new Agent({ ...timeouts, connect });
    // https: targets tunnel through CONNECT, so TLS runs end to end with our CA and client certificate;
    // http: targets are sent to the proxy as absolute-URI requests, as curl does.
    return new ProxyAgent({
      ...timeouts,
      uri: proxy,
      proxyTunnel: url.protocol === 'https:',
      requestTls: connect,
      proxyTls: { timeout: connectMs },
    });
  };

  return {
    routeFor(url) {
      const known = byOrigin.get(url.origin);
      if (known) return known;
      const proxy = proxyFor(url, options.proxy);
      const tls = url.protocol === 'https:' ? options.tls?.[url.origin] : undefined;
      const mode = proxy ? `${proxy} ${url.protocol === 'https:' ? 'tunnel' : 'forward'}` : 'direct';
      const key = `${mode} ${tls ? url.origin : 'default'}`;
      let dispatcher = byKey.get(key);
      if (!dispatcher) {
        dispatcher = make(url, proxy, tls);
        byKey.set(key, dispatcher);
      }
      const route: Route = {
        dispatcher,
        clientCert: Boolean(tls?.cert),
        ...(proxy ? { proxy: describeProxy(proxy) } : {}),
      };
      byOrigin.set(url.origin, route);
      return route;
    },
    async close() {
      await Promise.all([...byKey.values()].map((d) => d.close()));
    },
  };
}

/** Proxy settings as curl and most tools read them from the environment. */
export interface ProxySettings {
  /** Proxy for http: targets (`HTTP_PROXY`). */
  httpProxy?: string;
  /** Proxy for https: targets (`HTTPS_PROXY`). */
  httpsProxy?: string;
  /** Hosts reached directly (`NO_PROXY`): comma- or space-separated names, `.domain` / `*.domain`, `host:port`, `*`. */
  noProxy?: string;
}

const pick = (env: Readonly<Record<string, string | undefined>>, name: string): string | undefined => {
  // Lower case first, as curl and undici do; an empty value means "unset".
  const v = (env[name.toLowerCase()] ?? env[name])?.trim();
  if (!v) return undefined;
  // `proxy.corp:3128` means http://proxy.corp:3128, as curl reads it.
  return name === 'NO_PROXY' || /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `http://${v}`;
};

/** `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` (either case) from a run's environment. */
export function proxySettingsFromEnv(env: Readonly<Record<string, string | undefined>>): ProxySettings {
  return { httpProxy: pick(env, 'HTTP_PROXY'), httpsProxy: pick(env, 'HTTPS_PROXY'), noProxy: pick(env, 'NO_PROXY') };
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** True when NO_PROXY says the URL's host is reached directly. */
export function bypassesProxy(url: URL, noProxy: string | undefined): boolean {
  const entries = (noProxy ?? '').split(/[,\s]+/).filter(Boolean);
  if (entries.includes('*')) return true;
  // Keep IPv6 brackets so `[::1]` entries match.
  const host = url.host.replace(/:\d*$/, '').toLowerCase();
  const port = Number(url.port) || DEFAULT_PORTS[url.protocol] || 0;
  return entries.some((entry) => {
    const m = /^(.+):(\d+)$/.exec(entry);
    const name = (m ? (m[1] ?? '') : entry).replace(/^\*?\./, '').toLowerCase();
    if (m && Number(m[2]) !== port) return false;
    return host === name || host.endsWith(`.${name}`);
  });
}

/** The proxy URL to use for `url`, or undefined for a direct connection. */
export function proxyFor(url: URL, settings: ProxySettings | undefined): string | undefined {
  if (!settings) return undefined;
  // Per scheme, as curl and Go read them: HTTP_PROXY is not used for https: targets.
  const proxy = url.protocol === 'https:' ? settings.httpsProxy : settings.httpProxy;
  if (!proxy || bypassesProxy(url, settings.noProxy)) return undefined;
  return proxy;
}

/** A proxy URL fit for messages: scheme, host and port, never its user or password. */
export function describeProxy(proxy: string): string {
  try {
    return new URL(proxy).origin;
  } catch {
    return '(the configured proxy)';
  }
}

/** Passwords written into proxy URLs (`http://user:pass@proxy:3128`): secrets for the redactor. */
export function proxySecrets(settings: ProxySettings): string[] {
  return [settings.httpProxy, settings.httpsProxy].flatMap((p) => {
    try {
      const pass = p ? decodeURIComponent(new URL(p).password) : '';
      return pass ? [pass] : [];
    } catch {
      return [];
    }
  });
}

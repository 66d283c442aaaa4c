import { describe, expect, it } from 'vitest';
import { bypassesProxy, describeProxy, proxyFor, proxySecrets, proxySettingsFromEnv } from './proxy-env.js';

describe('proxy settings from the environment', () => {
  it('reads either case, lower case first, and reads a bare host:port as http://', () => {
    expect(
      proxySettingsFromEnv({
        HTTPS_PROXY: 'http://upper:1',
        https_proxy: 'http://lower:2',
        HTTP_PROXY: 'proxy.corp:3128',
        NO_PROXY: 'a,b',
      }),
    ).toEqual({ httpsProxy: 'http://lower:2', httpProxy: 'http://proxy.corp:3128', noProxy: 'a,b' });
    expect(proxySettingsFromEnv({ HTTP_PROXY: '  ' })).toEqual({
      httpProxy: undefined,
      httpsProxy: undefined,
      noProxy: undefined,
    });
  });

  it('picks the proxy by the scheme of the target', () => {
    const s = { httpProxy: 'http://p:1', httpsProxy: 'http://p:2' };
    expect(proxyFor(new URL('http://api.example/x'), s)).toBe('http://p:1');
    expect(proxyFor(new URL('https://api.example/x'), s)).toBe('http://p:2');
    expect(proxyFor(new URL('https://api.example/x'), { httpProxy: 'http://p:1' })).toBeUndefined();
    expect(proxyFor(new URL('http://api.example/x'), undefined)).toBeUndefined();
  });

  it.each([
    ['api.example', 'https://api.example', true],
    ['.example', 'https://api.example', true],
    ['*.example', 'https://deep.api.example', true],
    ['example', 'https://notexample.com', false],
    ['api.example:443', 'https://api.example', true],
    ['api.example:8443', 'https://api.example', false],
    ['127.0.0.1', 'http://127.0.0.1:4010', true],
    ['[::1]', 'http://[::1]:4010', true],
    ['a.example b.example,c.example', 'http://b.example', true],
    ['*', 'http://anything.example', true],
    ['', 'http://anything.example', false],
  ])('NO_PROXY %j for %s → direct: %s', (noProxy, url, direct) => {
    expect(bypassesProxy(new URL(url), noProxy)).toBe(direct);
  });

  it('shows a proxy without its credentials and hands the password to the redactor', () => {
    expect(describeProxy('http://user:p%40ss@proxy.corp:3128')).toBe('http://proxy.corp:3128');
    expect(
      proxySecrets({ httpProxy: 'http://user:p%40ss@proxy.corp:3128', httpsProxy: 'http://proxy.corp:3128' }),
    ).toEqual(['p@ss']);
  });
});

import { describe, expect, it } from 'vitest';
import { parseConfig } from './load-config.js';

const parse = (tls: string, extra = '') =>
  parseConfig(
    [
      'targets:',
      '  staging:',
      `    apis: { vcita: "https://api.staging.example" }${extra}`,
      '    tls:',
      ...tls.split('\n').map((l) => `      ${l}`),
      '',
    ].join('\n'),
    'cardcheck.config.yaml',
  );

describe('targets.<name>.tls', () => {
  it('reads ca, cert and key as paths with where they are written; rejectUnauthorized defaults to true', () => {
    const { config, diagnostics } = parse('ca: certs/ca.pem\ncert: certs/client.pem\nkey: certs/client-key.pem');
    expect(diagnostics).toEqual([]);
    expect(config.targets.staging?.tls).toEqual({
      ca: { path: 'certs/ca.pem', line: 5, column: 7 },
      cert: { path: 'certs/client.pem', line: 6, column: 7 },
      key: { path: 'certs/client-key.pem', line: 7, column: 7 },
      rejectUnauthorized: true,
    });
  });

  it('wants cert and key together', () => {
    const { diagnostics } = parse('cert: certs/client.pem');
    expect(diagnostics).toMatchObject([
      {
        ruleId: 'config-invalid-tls',
        severity: 'error',
        line: 4,
        message: 'tls of target "staging" has cert but no key: a client certificate needs both',
      },
    ]);
  });

  it('warns about an unknown key with a suggestion, and about an empty path', () => {
    const { diagnostics } = parse('cacert: certs/ca.pem\nca: ""');
    expect(diagnostics.map((d) => [d.ruleId, d.severity, d.line, d.hint ?? d.message])).toEqual([
      ['config-unknown-key', 'warning', 5, 'Did you mean "cert"?'],
      ['config-invalid-tls', 'error', 6, 'Give the path of a PEM file, relative to the config file, or drop the key.'],
    ]);
  });

  it('warns when certificate checks are off, and refuses it on a production target', () => {
    expect(parse('rejectUnauthorized: false').diagnostics).toMatchObject([
      { ruleId: 'config-insecure-tls', severity: 'warning', line: 5 },
    ]);
    expect(parse('rejectUnauthorized: false', '\n    production: true').diagnostics).toMatchObject([
      {
        ruleId: 'config-insecure-tls',
        severity: 'error',
        message: expect.stringMatching(/a production target must check it$/),
      },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { ruleById, STANDARD_RULES } from '../../standards/rules.js';
import { formatBreakList } from '../describe.js';
import { startSandbox } from '../server.js';
import { STANDARDS_BREAKS } from './oauth-standards.js';
import { listBreaks } from './registry.js';

describe('standards breaks', () => {
  it('one per rule of the registry, in its order, each with the rule’s own clause', () => {
    expect(STANDARDS_BREAKS.map((b) => b.rule)).toEqual(STANDARD_RULES.map((r) => r.id));
    for (const b of STANDARDS_BREAKS) expect(b.clause, b.rule).toBe(ruleById(b.rule)?.clause);
  });

  it('--list-breaks names, for each, its route, the rule and the clause it violates', () => {
    const lines = formatBreakList(listBreaks());
    for (const rule of STANDARD_RULES) {
      const line = lines.find((l) => l.startsWith(`oauth-${rule.id} `));
      expect(line, rule.id).toMatch(/ (GET|POST|PUT|DELETE) \/oauth\/\S+ /);
      expect(line, rule.id).toContain(`standard: ${rule.id} (${rule.clause}): `);
    }
    expect(lines.find((l) => l.startsWith('oauth-token-no-store '))).toMatch(
      /^oauth-token-no-store +POST \/oauth\/token +standard: token-no-store \(RFC 6749 §5\.1\): no Cache-Control: no-store on the token response$/,
    );
  });

  it('changes only its own route: oauth-token-no-store leaves the registration answer’s Cache-Control', async () => {
    const s = await startSandbox({ breaks: ['oauth-token-no-store'] });
    try {
      const basic = Buffer.from(`${s.env.OAUTH_CLIENT_ID}:${s.env.OAUTH_CLIENT_SECRET}`).toString('base64');
      const token = await fetch(`${s.apis.oauth}/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      expect(token.status).toBe(200);
      expect(token.headers.get('cache-control')).toBeNull();
      expect(token.headers.get('pragma')).toBe('no-cache');
      const reg = await fetch(`${s.apis.oauth}/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uris: ['https://client.example/cb'] }),
      });
      expect(reg.status).toBe(201);
      expect(reg.headers.get('cache-control')).toBe('no-store');
    } finally {
      await s.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/load-config.js';
import { runCards } from '../../src/runner/run-cards.js';
import { card, writeCards } from '../support/temp-cards.js';

describe('an error while running, at its place in the card', () => {
  it('a UID step that fails is a diagnostic at the step, with its code, and the reason keeps its text', async () => {
    const text = card({
      endpoint: 'GET /platform/v1/apps/{client_id}',
      uid: {
        client_id: {
          extract_from: 'data.client_id',
          create_endpoint: 'POST /platform/v1/apps',
          create_body: { name: 'x', app_code_name: 'x{{timestamp}}', redirect_uri: 'https://example.com/cb' },
          cleanup_endpoint: 'DELETE /platform/v1/apps/{{resolved.client_id}}',
        },
      },
      request: { method: 'GET', path: '/platform/v1/apps/{{resolved.client_id}}' },
      expect: { status: 200 },
    });
    const dir = await writeCards({ 'no-auth.md': text });
    const config = defaultConfig();
    config.folders['.'] = { api: 'vcita' };
    const [result] = (await runCards({ cwd: dir, paths: ['.'], config, seed: 1, ledgerDir: false })).cards;
    expect(result?.outcome).toBe('errored');
    expect(result?.reason).toBe('could not create client_id: POST /platform/v1/apps answered 401 (no-auth.md:13)');
    expect(result?.diagnostics).toEqual([
      {
        ruleId: 'card-invalid',
        severity: 'error',
        file: 'no-auth.md',
        line: 13,
        column: 24,
        message: 'could not create client_id: POST /platform/v1/apps answered 401',
      },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { cardcheck } from '../support/cli.js';

/** `cardcheck lint` says which standards pack each card gets, and why, without counting it or changing the exit code. */
describe('cardcheck lint and the standards packs', () => {
  it('prints an info line per card a pack applies to; the count and the exit code are unchanged', async () => {
    const res = await cardcheck(['lint', 'specs/youhodler/token-form-basic.md', 'specs/vcita/get-app.md']);
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n')).toContain(
      'specs/youhodler/token-form-basic.md:35:1 info standards-pack token pack (its form has grant_type), findings are warnings (config apis.youhodler.standards)',
    );
    expect(res.stdout).not.toContain('specs/vcita/get-app.md:');
    expect(res.stdout).toContain('2 cards checked: 0 errors, 0 warnings');
    const strict = await cardcheck(['lint', '--strict', 'specs/youhodler/token-form-basic.md']);
    expect(strict.code).toBe(0);
  });

  it('--format json lists the line with severity info', async () => {
    const card = 'fixtures/cards/oidc-standards/read-client-declared.md';
    const res = await cardcheck([
      'lint',
      '--format',
      'json',
      '--config',
      'fixtures/cards/oidc/cardcheck.config.yaml',
      card,
    ]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toContainEqual({
      ruleId: 'standards-pack',
      file: 'fixtures/cards/oidc-standards/read-client-declared.md',
      line: 35,
      column: 1,
      severity: 'info',
      message:
        'registration pack (front-matter endpointKind: registration), a broken MUST fails the card (the default level)',
      hint: '',
    });
  });
});

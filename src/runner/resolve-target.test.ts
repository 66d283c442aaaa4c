import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../config/load-config.js';
import type { RequestTemplate } from '../core/card.js';
import type { CardPlan } from '../core/plan.js';
import { baseUrlLookup, resolveTarget } from './resolve-target.js';

const request: RequestTemplate = {
  method: 'GET',
  path: '/',
  query: {},
  headers: {},
  followRedirects: false,
  placeholders: [],
  line: 1,
  column: 1,
};
const plan = (api: string): CardPlan => ({
  file: `${api}.md`,
  line: 1,
  endpoint: '',
  title: '',
  id: api,
  action: 'run',
  diagnostics: [],
  card: {
    file: `${api}.md`,
    id: api,
    frontMatter: { tags: [], data: {}, keyLines: {} },
    uidFields: [],
    examples: [],
  },
  request,
  fixtures: [],
  api,
  needs: [],
  needed: false,
});
const CONFIG = `
defaultTarget: staging
targets:
  staging:
    apis:
      vcita: https://vcita.staging.example/api
      rocketchat: https://chat.staging.example
`;

describe('targets', () => {
  const { config } = parseConfig(CONFIG, 'cardcheck.config.yaml');

  it('picks a named target and gives each API its base URL', () => {
    const t = resolveTarget(config, 'staging', () => [plan('vcita')]);
    expect(baseUrlLookup(t)('vcita')).toBe('https://vcita.staging.example/api');
    expect(() => baseUrlLookup(t)('youhodler')).toThrow('target "staging" has no base URL for API "youhodler"');
  });

  it('places "this card names no API" at line 1, where its front-matter would name one', () => {
    const t = resolveTarget(config, 'staging', () => [plan('vcita')]);
    let thrown: unknown;
    try {
      baseUrlLookup(t)(undefined);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ code: 'target-api-missing', details: { at: { line: 1, column: 1 } } });
  });

  it('accepts a URL when the cards call one API, and refuses it for several', () => {
    expect(
      baseUrlLookup(resolveTarget(config, 'https://x.example/', () => [plan('vcita'), plan('vcita')]))('vcita'),
    ).toBe('https://x.example');
    expect(() => resolveTarget(config, 'https://x.example', () => [plan('vcita'), plan('rocketchat')])).toThrow(
      /the selected cards call 2 APIs \(vcita, rocketchat\)/,
    );
  });

  it('names an unknown target with a suggestion', () => {
    expect(() => resolveTarget(config, 'stagin', () => [])).toThrow(
      '--target stagin: no such target; did you mean "staging"?',
    );
    expect(resolveTarget(defaultConfig(), undefined, () => []).embedded).toBe(true);
  });
});

describe('config validation', () => {
  it('reports mistakes at their line, with did-you-mean', () => {
    const text = [
      'defaultTarget: prod',
      'targets:',
      '  staging:',
      '    apis:',
      '      vcita: not-a-url',
      'auth:',
      '  dir:',
      '    type: beare',
      '  rc:',
      '    type: headers',
      'folders:',
      '  specs/vcita:',
      '    api: vcita',
      '    auth: dri',
      'targts: {}',
    ].join('\n');
    const { diagnostics } = parseConfig(text, 'cardcheck.config.yaml');
    const shown = diagnostics.map(
      (d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}${d.hint ? ` | ${d.hint}` : ''}`,
    );
    expect(shown).toEqual([
      '15:1 warning config-unknown-key unknown key "targts" | Did you mean "targets"?',
      '5:7 error config-invalid-url base URL of API "vcita" in target "staging" must be an http(s) URL | Write e.g. https://staging.example.com/api, or take it from the environment: "{{env.STAGING_URL}}/api".',
      '3:3 error config-empty-target target "staging" has no "apis" and is not "embedded: true" | Give it `apis: { <api>: <base URL> }`.',
      '1:1 error config-unknown-target defaultTarget "prod" is not one of the targets: staging | Defined: staging.',
      '8:5 error config-invalid-profile auth profile "dir" needs a type: one of bearer, headers, basic, oauth2-client-credentials | Did you mean "bearer"?',
      '9:3 error config-invalid-profile auth profile "rc" needs "headers" | Add `headers: { X-Auth-Token: "{{env.TOKEN}}" }`.',
      '14:5 error unknown-auth-profile folder "specs/vcita" uses auth profile "dri", which is not defined under auth: | Defined: rc.',
    ]);
  });
});

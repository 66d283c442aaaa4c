import { LineCounter, parseDocument } from 'yaml';
import type { AuthProfile, Config, FolderConfig, TargetConfig } from '../core/config.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { SourceFile } from '../core/source.js';
import { didYouMean } from '../util/did-you-mean.js';
import { aliasBomb, yamlErrorText } from '../util/yaml-bounds.js';
import { readApiStandards } from './api-standards.js';
import { readCleanup } from './cleanup-config.js';
import { CONFIG_KEYS, PROFILE_TYPES } from './config-keys.js';
import { readTargetTls } from './tls-config.js';
import { YamlReader } from './yaml-reader.js';

/**
 * The config a project without a config file gets programmatically: the embedded sandbox, no auth.
 * (`cardcheck run` without a config file wants --target instead: config/project-paths.ts.)
 */
export function defaultConfig(): Config {
  return {
    targets: { sandbox: { name: 'sandbox', apis: {}, embedded: true, production: false, line: 0 } },
    defaultTarget: 'sandbox',
    profiles: {},
    folders: {},
    secretEnv: [],
    secretKeys: [],
  };
}

/** Parse and validate cardcheck.config.yaml text. Every problem is a located diagnostic; never throws. */
export function parseConfig(text: string, file: string): { config: Config; diagnostics: Diagnostic[] } {
  // The YAML errors are placed by yaml's LineCounter, as they always were: on YAML it cannot parse it can
  // miss line breaks inside broken tokens, so its lines may differ from the file's (settings, read from
  // valid YAML only, are placed by the SourceFile, where both agree).
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, schema: 'core', prettyErrors: false });
  const r = new YamlReader(doc, new SourceFile(file, text));
  const yamlError = (offset: number, message: string, hint: string) => {
    const pos = lineCounter.linePos(offset);
    r.diagnostics.push({
      ruleId: 'config-invalid-yaml',
      severity: 'error',
      file,
      line: pos.line,
      column: pos.col,
      message,
      hint,
    });
  };
  for (const err of doc.errors)
    yamlError(err.pos[0], `not valid YAML: ${yamlErrorText(err.message)}`, 'Fix the YAML syntax at this position.');
  const config = defaultConfig();
  config.file = file;
  if (doc.errors.length) return { config, diagnostics: r.diagnostics };
  const bomb = aliasBomb(doc);
  if (bomb) {
    yamlError(bomb.offset, `not read: ${bomb.message}`, 'Write the settings out, or use each anchor a few times.');
    return { config, diagnostics: r.diagnostics };
  }
  r.keys([], CONFIG_KEYS.top);
  readSecrets(r, doc.toJS({ maxAliasCount: -1 })?.secrets, config);
  readTargets(r, config);
  readDefaultTarget(r, config);
  for (const name of Object.keys(r.map(['auth']) ?? {})) {
    const profile = readProfile(r, ['auth', name]);
    if (profile) config.profiles[name] = profile;
  }
  readFolders(r, config);
  readCleanup(r, config);
  readApiStandards(r, config);
  return { config, diagnostics: r.diagnostics };
}

const isNames = (x: unknown): x is string[] => Array.isArray(x) && x.every((n) => typeof n === 'string');

/**
 * `secrets`: the names of environment variables whose values are redacted
 * (`secrets: [API_KEY]`), or `env:` those names and `keys:` body fields,
 * query parameters and headers whose values are redacted wherever they appear.
 */
function readSecrets(r: YamlReader, secrets: unknown, config: Config): void {
  if (secrets === undefined) return;
  if (isNames(secrets)) {
    config.secretEnv = secrets;
    return;
  }
  const map = secrets && typeof secrets === 'object' && !Array.isArray(secrets) ? r.map(['secrets']) : undefined;
  const env = map?.env ?? [];
  const keys = map?.keys ?? [];
  if (map && isNames(env) && isNames(keys)) {
    r.keys(['secrets'], CONFIG_KEYS.secrets);
    config.secretEnv = env;
    config.secretKeys = keys;
    return;
  }
  r.error(
    ['secrets'],
    'config-invalid-value',
    '"secrets" must be a list of environment variable names, or `env:` and `keys:` lists',
    'Write `secrets: [API_KEY, STAGING_PASSWORD]`, or `secrets: { env: [API_KEY], keys: [pin_block, X-Partner-Sig] }`.',
  );
}

/** `targets`: when given, they replace the embedded sandbox. */
function readTargets(r: YamlReader, config: Config): void {
  const targets = r.map(['targets']);
  if (targets) config.targets = {};
  for (const name of Object.keys(targets ?? {})) config.targets[name] = readTarget(r, name);
}

function readTarget(r: YamlReader, name: string): TargetConfig {
  const at = ['targets', name];
  r.keys(at, CONFIG_KEYS.target);
  const apis: Record<string, string> = {};
  for (const [api, url] of Object.entries(r.map([...at, 'apis']) ?? {})) {
    if (typeof url !== 'string' || !/^(https?:\/\/[^/]|\{\{\s*env\.\w+\s*\}\})/.test(url))
      r.error(
        [...at, 'apis', api],
        'config-invalid-url',
        `base URL of API "${api}" in target "${name}" must be an http(s) URL`,
        'Write e.g. https://staging.example.com/api, or take it from the environment: "{{env.STAGING_URL}}/api".',
      );
    else apis[api] = url;
  }
  const embedded = r.bool([...at, 'embedded']) ?? false;
  if (!embedded && Object.keys(apis).length === 0)
    r.error(
      at,
      'config-empty-target',
      `target "${name}" has no "apis" and is not "embedded: true"`,
      'Give it `apis: { <api>: <base URL> }`.',
    );
  const production = r.bool([...at, 'production']) ?? false;
  const tls = readTargetTls(r, name, production);
  const maxBodyBytes = readByteCount(r, [...at, 'maxBodyBytes']);
  return {
    name,
    apis,
    embedded,
    production,
    ...(tls ? { tls } : {}),
    ...(maxBodyBytes ? { maxBodyBytes } : {}),
    line: r.lineOf(at),
  };
}

/** A whole number of bytes, at least 1. */
function readByteCount(r: YamlReader, at: string[]): number | undefined {
  const text = r.string(at);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (Number.isInteger(n) && n >= 1) return n;
  r.error(
    at,
    'config-invalid-value',
    `"${at.join('.')}" must be a whole number of bytes, at least 1`,
    'Write e.g. 8388608 for 8 MiB.',
  );
  return undefined;
}

/** `defaultTarget`, which must name a target; without it, the first target when `sandbox` is gone. */
function readDefaultTarget(r: YamlReader, config: Config): void {
  const def = r.string(['defaultTarget']);
  if (def !== undefined) {
    if (!config.targets[def])
      r.error(
        ['defaultTarget'],
        'config-unknown-target',
        `defaultTarget "${def}" is not one of the targets: ${Object.keys(config.targets).join(', ')}`,
        hintFor(def, Object.keys(config.targets)),
      );
    config.defaultTarget = def;
  } else if (!config.targets[config.defaultTarget]) {
    config.defaultTarget = Object.keys(config.targets)[0] ?? 'sandbox';
  }
}

/** `folders`: the API and auth profile each folder's cards inherit, checked against what the config defines. */
function readFolders(r: YamlReader, config: Config): void {
  const apiNames = new Set(Object.values(config.targets).flatMap((t) => Object.keys(t.apis)));
  for (const folder of Object.keys(r.map(['folders']) ?? {})) {
    const at = ['folders', folder];
    r.keys(at, CONFIG_KEYS.folder);
    const f: FolderConfig = { api: r.string([...at, 'api']), auth: r.string([...at, 'auth']) };
    if (f.auth && f.auth !== 'none' && !config.profiles[f.auth])
      r.error(
        [...at, 'auth'],
        'unknown-auth-profile',
        `folder "${folder}" uses auth profile "${f.auth}", which is not defined under auth:`,
        hintFor(f.auth, Object.keys(config.profiles)),
      );
    if (f.api && apiNames.size > 0 && !apiNames.has(f.api))
      r.error(
        [...at, 'api'],
        'config-unknown-api',
        `folder "${folder}" names API "${f.api}", which no target gives a base URL for`,
        hintFor(f.api, [...apiNames]),
      );
    config.folders[folder.replace(/\/+$/, '') || '.'] = f;
  }
}

function hintFor(word: string, candidates: string[]): string {
  const near = didYouMean(word, candidates);
  return near ? `Did you mean "${near}"?` : `Defined: ${candidates.join(', ') || 'none'}.`;
}

function readProfile(r: YamlReader, at: string[]): AuthProfile | undefined {
  const type = r.string([...at, 'type']);
  if (!type || !(PROFILE_TYPES as readonly string[]).includes(type)) {
    r.error(
      type ? [...at, 'type'] : at,
      'config-invalid-profile',
      `auth profile "${at[1]}" needs a type: one of ${PROFILE_TYPES.join(', ')}`,
      type ? hintFor(type, PROFILE_TYPES) : 'Add `type: bearer` (or headers, basic, oauth2-client-credentials).',
    );
    return undefined;
  }
  const need = (key: string) => {
    const v = r.string([...at, key]);
    if (v === undefined)
      r.error(
        at,
        'config-invalid-profile',
        `auth profile "${at[1]}" (${type}) needs "${key}"`,
        `Add \`${key}: "{{env.SOME_VARIABLE}}"\`.`,
      );
    return v ?? '';
  };
  switch (type) {
    case 'bearer':
      r.keys(at, CONFIG_KEYS.profile.bearer);
      return { type, token: need('token') };
    case 'basic':
      r.keys(at, CONFIG_KEYS.profile.basic);
      return { type, username: need('username'), password: need('password') };
    case 'headers': {
      r.keys(at, CONFIG_KEYS.profile.headers);
      const headers = r.map([...at, 'headers']);
      if (!headers)
        r.error(
          at,
          'config-invalid-profile',
          `auth profile "${at[1]}" needs "headers"`,
          'Add `headers: { X-Auth-Token: "{{env.TOKEN}}" }`.',
        );
      return { type, headers: Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(v)])) };
    }
    default: {
      r.keys(at, CONFIG_KEYS.profile['oauth2-client-credentials']);
      const clientAuth = r.string([...at, 'clientAuth']) ?? 'basic';
      if (clientAuth !== 'basic' && clientAuth !== 'body')
        r.error(
          [...at, 'clientAuth'],
          'config-invalid-profile',
          'clientAuth must be "basic" or "body"',
          'Use basic (HTTP Basic, RFC 6749 §2.3.1) unless the server wants credentials in the body.',
        );
      return {
        type: 'oauth2-client-credentials',
        api: r.string([...at, 'api']),
        tokenPath: need('tokenPath'),
        clientId: need('clientId'),
        clientSecret: need('clientSecret'),
        scope: r.string([...at, 'scope']),
        clientAuth: clientAuth === 'body' ? 'body' : 'basic',
      };
    }
  }
}

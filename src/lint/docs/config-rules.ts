import type { RuleDoc } from './rule-doc.js';

/** Rules about cardcheck.config.yaml. */
export const CONFIG_RULES: RuleDoc[] = [
  // cardcheck.config.yaml
  {
    id: 'config-missing',
    severity: 'error',
    when: 'config',
    what: 'The file given to --config does not exist or cannot be read.',
    fix: 'Check the path, or drop --config to use the cardcheck.config.yaml (.yml, .json) found in this folder or above.',
  },
  {
    id: 'config-ambiguous',
    severity: 'error',
    when: 'config',
    what: 'Two config files (cardcheck.config.yaml, .yml or .json) in one folder: cardcheck reads neither and names both.',
    fix: 'Keep one (merge the settings into it) and delete the other, or name one with --config.',
  },
  {
    id: 'config-invalid-yaml',
    severity: 'error',
    when: 'config',
    what: 'cardcheck.config.yaml is not valid YAML; the position is that of the YAML error.',
    fix: 'Fix the YAML syntax at that position.',
  },
  {
    id: 'config-unknown-key',
    severity: 'warning',
    when: 'config',
    what: 'A key the config does not know, at the top level or in a target, profile or folder, with "did you mean".',
    fix: 'Fix the spelling, or delete the key.',
  },
  {
    id: 'config-invalid-value',
    severity: 'error',
    when: 'config',
    what: 'A setting has the wrong kind of value: a mapping where a name → settings map belongs, a string, or true/false; or an `apis:` entry whose `standards` is not error, warn or off, or whose `endpointKind` is no pack.',
    fix: 'Give the value the kind the message names (quote strings, write booleans without quotes).',
  },
  {
    id: 'config-invalid-url',
    severity: 'error',
    when: 'config',
    what: "A target's base URL for an API is not an http(s) URL (or a `{{env.NAME}}` placeholder followed by a path).",
    fix: 'Write e.g. https://staging.example.com/api, or "{{env.STAGING_URL}}/api".',
  },
  {
    id: 'config-empty-target',
    severity: 'error',
    when: 'config',
    what: 'A target has no `apis` and is not `embedded: true`, so it gives no base URL.',
    fix: 'Give it `apis: { <api>: <base URL> }`, or `embedded: true` for the sandbox.',
  },
  {
    id: 'config-unknown-target',
    severity: 'error',
    when: 'config',
    what: '`defaultTarget` names a target that is not defined under `targets:`.',
    fix: 'Name one of the targets (the message lists them).',
  },
  {
    id: 'config-invalid-profile',
    severity: 'error',
    when: 'config',
    what: 'An auth profile has no `type` or an unknown one, lacks a setting its type needs (token; username and password; headers; tokenPath, clientId and clientSecret), or has a `clientAuth` other than basic or body.',
    fix: 'Give the profile a type (bearer, headers, basic, oauth2-client-credentials) and the settings it needs.',
  },
  {
    id: 'config-unknown-api',
    severity: 'error',
    when: 'config',
    what: 'A folder names an API that no target gives a base URL for (an error), or the standards settings under `apis:` do (a warning: they would apply to no card).',
    fix: "Use an API name that appears under the targets' `apis`.",
  },
  {
    id: 'config-invalid-tls',
    severity: 'error',
    when: 'config',
    what: "A target's `tls` settings are malformed: an empty file path, or a client `cert` without its `key` (or the other way round).",
    fix: 'Give PEM file paths relative to the config file; a client certificate needs both cert and key.',
  },
  {
    id: 'config-insecure-tls',
    severity: 'error',
    when: 'config',
    what: 'A target turns off server certificate checks (`tls.rejectUnauthorized: false`). An error on a production target, a warning on others.',
    fix: "Give the server's CA bundle as `tls.ca` instead.",
  },
  {
    id: 'config-tls-file',
    severity: 'error',
    when: 'run',
    what: 'Checked when a run uses the target: a TLS file it names cannot be read or is not the PEM it should be.',
    fix: 'Check the path (relative to the config file) and that the file holds the PEM the key names.',
  },
];

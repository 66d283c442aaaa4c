/**
 * Every rule id cardcheck can report, with what it means and how to fix it.
 * specs/README.md carries this table for spec authors; a test checks that the
 * two agree, that every rule id in the source is here, and that every rule
 * `cardcheck lint` can report has a golden fixture in fixtures/cards/invalid/.
 */
export interface RuleDoc {
  /** Stable kebab-case id, as printed after the severity. */
  id: string;
  /**
   * The severity it is reported with. `unclosed-fence` and `config-insecure-tls`
   * are warnings in their milder case (see `what`); `error` is listed for them.
   */
  severity: 'error' | 'warning';
  /** What the rule reports. */
  what: string;
  /** How to fix it. */
  fix: string;
  /** `run`: checked by `cardcheck run` only; `config`: a cardcheck.config.yaml rule. */
  when?: 'run' | 'config';
  /** Why it has no golden fixture, when it cannot have one. */
  noFixture?: string;
}

export const RULE_DOCS: RuleDoc[] = [
  // Reading the file
  {
    id: 'unreadable-card',
    severity: 'error',
    noFixture: 'a file that cannot be read cannot be committed (and root reads any file)',
    what: 'The card file could not be read (it vanished, or its permissions forbid reading it). Reported at line 1.',
    fix: "Check the path and the file's permissions.",
  },
  {
    id: 'invalid-utf8',
    severity: 'error',
    what: 'The file holds a byte that no UTF-8 text contains, usually because it was saved in another encoding (Latin-1, Windows-1252). Reported at the first such byte, with its value. A UTF-8 BOM and CRLF line endings are fine.',
    fix: 'Save the file as UTF-8 and retype the characters on that line.',
  },
  {
    id: 'not-a-card',
    severity: 'error',
    what: 'The file has neither a front-matter `endpoint` nor a "## Request Template" section: it looks like a vendor documentation page, not an endpoint card.',
    fix: 'Write a card from it: front-matter with `endpoint: METHOD /path`, a "## Request Template" JSON block and an "## Expected Response" block. Or move it out of the folder cardcheck reads.',
  },
  // Front-matter
  {
    id: 'unclosed-front-matter',
    severity: 'error',
    what: 'The file starts with `---` but no later line closes the front-matter with `---`.',
    fix: 'Add a `---` line after the last front-matter key.',
  },
  {
    id: 'invalid-front-matter',
    severity: 'error',
    what: 'The front-matter is not valid YAML (for example a duplicated key, a bad indent, an unclosed quote or bracket). The position is that of the YAML error in the file.',
    fix: 'Write one `key: value` per line; quote values that start with `{`, `[`, `*`, `&` or contain `: `.',
  },
  {
    id: 'unknown-front-matter-key',
    severity: 'warning',
    what: 'A front-matter key cardcheck does not know (it is kept but ignored), with "did you mean" for a near miss such as `skip_reason`.',
    fix: 'Use one of endpoint, domain, tags, status, skipReason, savedAt, verifiedAt, timesReused, id, api, auth; or delete the key.',
  },
  {
    id: 'unknown-status',
    severity: 'error',
    what: '`status` is neither `success` nor `skip`.',
    fix: 'Write `status: success` for a card that runs, or `status: skip` with a `skipReason`.',
  },
  {
    id: 'skip-without-reason',
    severity: 'warning',
    what: 'The card has `status: skip` but no `skipReason`; it is still reported skipped, without saying why.',
    fix: 'Add `skipReason:` saying why the card cannot run automatically.',
  },
  {
    id: 'invalid-date',
    severity: 'warning',
    what: '`savedAt` or `verifiedAt` is not an ISO 8601 date (such as `2026-01-25` or `2026-01-25T05:30:54.250Z`).',
    fix: 'Write the date as ISO 8601, e.g. `2026-01-25T05:30:54.250Z`.',
  },
  {
    id: 'endpoint-mismatch',
    severity: 'error',
    what: "The front-matter `endpoint` disagrees with the Request Template's method or path (`{id}`, `:id` and placeholders count as the same segment), or is not written as `METHOD /path`.",
    fix: "Make `endpoint` and the template's `method` and `path` agree.",
  },
  // Markdown and JSON blocks
  {
    id: 'unclosed-fence',
    severity: 'error',
    what: 'A code fence is never closed. An error when the fence swallows content (everything after it, such as the Request Template, is read as code); a warning for a stray empty fence at the end, as seed 001 has.',
    fix: 'Close the block with a ``` line where its content ends, or delete the stray ``` line.',
  },
  {
    id: 'invalid-json',
    severity: 'error',
    what: 'A JSON block (UID Resolution, Request Template, Expected Response or a response example) is not valid JSON. The position is that of the first error in the file: a trailing comma, a missing comma or colon, a comment, single quotes, an unclosed string or bracket.',
    fix: 'Fix the JSON at that position; JSON allows no trailing commas, comments or single quotes.',
  },
  {
    id: 'missing-request-template',
    severity: 'error',
    what: 'The card has an `endpoint` but no "## Request Template" section, or the section has no JSON block, so there is nothing to send. (A `status: skip` card may leave it out.)',
    fix: 'Add "## Request Template" followed by a ```json block with `method` and `path`.',
  },
  // Requests
  {
    id: 'invalid-request',
    severity: 'error',
    what: 'A request (the Request Template, or a create, lookup or cleanup step) is malformed: not a JSON object, no `method` or one that is not an HTTP method, both `body` and `form`, a `form` that is not an object, a `basic` without username and password, or an `auth` that is not a name.',
    fix: 'Write the request as { "method": "POST", "path": "/x", "body": { … } }; see the request fields in specs/README.md.',
  },
  {
    id: 'missing-path',
    severity: 'error',
    what: 'A request has no `path`, or its path does not start with `/`.',
    fix: 'Add "path": "/the/endpoint", relative to the API\'s base URL.',
  },
  {
    id: 'path-escapes-target',
    severity: 'error',
    what: 'A request path could leave the target it is joined to: it names a scheme or a `//host`, or its `..` segments climb above the base path.',
    fix: "Write paths relative to the API's base URL (one leading `/`, no host, no `..` above the start); hosts belong in cardcheck.config.yaml.",
  },
  {
    id: 'unknown-key',
    severity: 'warning',
    what: 'A request object, a UID field or the Expected Response block has a key cardcheck does not know (it is ignored), with "did you mean" for a near miss such as `heders` or `extract`.',
    fix: 'Fix the spelling, or delete the key.',
  },
  // UID Resolution
  {
    id: 'invalid-uid-block',
    severity: 'error',
    what: "The UID Resolution JSON block is not an object keyed by field name, or a field's entry is not an object.",
    fix: 'Write { "field": { "create_endpoint": "POST /path", "extract_from": "data.id" } }.',
  },
  {
    id: 'invalid-endpoint',
    severity: 'error',
    what: "A step written as a string (create_endpoint, source_endpoint, cleanup_endpoint, fallback_endpoint, a request's cleanup) is not `METHOD /path`.",
    fix: 'Write e.g. "POST /platform/v1/apps", or a request object { "method", "path", … }.',
  },
  {
    id: 'missing-extract',
    severity: 'error',
    what: 'A UID field says which request obtains it but not which value to take from the response: `extract_from` is missing.',
    fix: 'Add "extract_from": "data.id" (a dot path into the response; `data[0].id` for arrays).',
  },
  {
    id: 'missing-source',
    severity: 'error',
    what: 'A UID field in the JSON block has no source: no create, lookup, value or from_person.',
    fix: 'Add create_endpoint (+ create_body) or create, source_endpoint or lookup, value, or from_person with a description.',
  },
  {
    id: 'uid-cycle',
    severity: 'error',
    what: "The card's UID fields need each other in a circle (each step uses a placeholder of the next), so none can be obtained first.",
    fix: 'Break the cycle: one of the fields must be obtainable without the others.',
  },
  // Expected Response
  {
    id: 'invalid-expectation',
    severity: 'error',
    what: 'The Expected Response block is malformed: not an object, a `status` that is not a code or a list of codes, a `schema` that is not an object, a `maxDurationMs` that is not a positive number, or an assertion without `path`/`header`, without an operator, or with an invalid regular expression.',
    fix: 'Write { "status": 200, "schema": { … }, "assert": [ { "path": "token_type", "equals": "Bearer" } ], "maxDurationMs": 2000 }.',
  },
  {
    id: 'invalid-schema-ref',
    severity: 'error',
    what: 'The response schema `$ref`s a shared schema file that does not exist, is not JSON, has nothing at the given `#/pointer`, or refers back to itself.',
    fix: 'A file `$ref` is relative to the card, e.g. "../schemas/token.json" or "…json#/definitions/error".',
  },
  // Placeholders and chaining
  {
    id: 'unresolved-placeholder',
    severity: 'error',
    what: "A placeholder nothing resolves: a `{{resolved.x}}`/`{{app.x}}` naming no declared UID field (the message lists the declared ones), an unknown namespace, or `{{response.…}}` outside the request's `cleanup`. Not checked in `status: skip` cards, since nothing is sent.",
    fix: 'Declare the field in the UID Resolution section (with `from_person` if only a person can produce it), or use one of the known forms.',
  },
  {
    id: 'unknown-function',
    severity: 'error',
    what: 'A `{{faker.<module>.<method>}}` placeholder names a faker module or function that does not exist, with "did you mean".',
    fix: 'Use a function from https://fakerjs.dev/api/, e.g. {{faker.internet.email}}.',
  },
  {
    id: 'missing-card',
    severity: 'error',
    what: 'A `{{card.<id>.…}}` placeholder names a card that is not among the cards of the run.',
    fix: "Include that card in the run (its file or folder), or fix the id: a card's id is its front-matter `id`, else its file name without extension.",
  },
  {
    id: 'chain-cycle',
    severity: 'error',
    what: "Cards need each other's values in a circle (or a card uses its own values through `{{card.<its id>.…}}`).",
    fix: 'Move the shared value into one card, and let the others use it.',
  },
  {
    id: 'needs-unavailable',
    severity: 'error',
    what: 'The card uses values of a card that will not run, because that card is skipped or has errors.',
    fix: 'Fix the card it needs (the message says why it will not run), or stop using its values.',
  },
  {
    id: 'unknown-auth-profile',
    severity: 'error',
    what: 'A card (front-matter `auth`), a request (`"auth"`) or a folder in cardcheck.config.yaml names an auth profile the config does not define.',
    fix: 'Define the profile under `auth:` in cardcheck.config.yaml, fix the name, or use "none".',
  },
  {
    id: 'missing-env',
    severity: 'error',
    when: 'run',
    what: 'Checked by `cardcheck run`, not by lint: a `{{env.NAME}}` placeholder, or an auth profile the card uses, needs an environment variable that is not set. The card errors before anything is sent.',
    fix: 'Set the variable in the environment or in the file given to --env-file (./.env is read when present).',
  },
  {
    id: 'duplicate-card',
    severity: 'warning',
    what: 'Two cards send the same request (method, path, query, headers, body, auth) with the same expectation; the message names the other file. Several scenarios for one endpoint are normal and not duplicates.',
    fix: 'Delete one of the two, or make them test different scenarios.',
  },
  // cardcheck.config.yaml
  {
    id: 'config-missing',
    severity: 'error',
    when: 'config',
    what: 'The file given to --config does not exist or cannot be read.',
    fix: 'Check the path, or drop --config to use ./cardcheck.config.yaml.',
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
    what: 'A setting has the wrong kind of value: a mapping where a name → settings map belongs, a string, or true/false.',
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
    what: 'A folder names an API that no target gives a base URL for.',
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

/** Rule ids `cardcheck lint` reports on cards that have a golden fixture. */
export function lintRuleIds(): string[] {
  return RULE_DOCS.filter((r) => !r.when && !r.noFixture).map((r) => r.id);
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/**
 * The rule table of specs/README.md, generated from RULE_DOCS (a test checks
 * the README holds exactly this). Print it with:
 * `node -e "import('./dist/lint/rule-docs.js').then((m) => console.log(m.ruleTable()))"`
 */
export function ruleTable(): string {
  const where = (r: RuleDoc) => (r.when === 'run' ? ' (run)' : r.when === 'config' ? ' (config)' : '');
  return [
    '| rule | severity | what it reports | how to fix it |',
    '|---|---|---|---|',
    ...RULE_DOCS.map((r) => `| \`${r.id}\` | ${r.severity}${where(r)} | ${cell(r.what)} | ${cell(r.fix)} |`),
  ].join('\n');
}

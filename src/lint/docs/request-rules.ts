import type { RuleDoc } from './rule-doc.js';

/** Rules about what a card sends and expects: requests, UID Resolution, the Expected Response. */
export const REQUEST_RULES: RuleDoc[] = [
  // Requests
  {
    id: 'todo-value',
    severity: 'error',
    what: 'A value in a code block (request, UID step, expectation) still starts with TODO: `cardcheck new` writes one for each value the author must fill in. The card is errored and nothing of it is sent.',
    fix: 'Replace the TODO with the real value (a body field, where the id is in the response, a cleanup).',
  },
  {
    id: 'invalid-request',
    severity: 'error',
    what: 'A request (the Request Template, or a create, lookup or cleanup step) is malformed: not a JSON object, no `method` or one that is not an HTTP method, both `body` and `form`, a `form` that is not an object, a `basic` without username and password, or an `auth` that is not a name; in YAML, a header or form value that is a map or list, an `auth` kind other than `basic` or `bearer`, a step that is not a map, or a `save:` JSONPath a dot path cannot say (`$..id`, `$.items[*]`).',
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
    id: 'header-not-allowed',
    severity: 'error',
    what: 'A request sets `Host` or a hop-by-hop header (Connection, Keep-Alive, Transfer-Encoding, TE, Trailer, Upgrade, Proxy-*), which would change where it goes or how it is framed; the run refuses it too.',
    fix: "Remove the header; the target's base URL in cardcheck.config.yaml decides the host.",
  },
  {
    id: 'unreadable-request',
    severity: 'error',
    what: "A request or a setup/teardown step holds something cardcheck does not send as written: a second request after `###` in the Request section, a shell command other than curl, a `$(…)` other than `NAME=$(curl … | jq -r '.path')`, a jq filter that is not a plain path, a code block under Setup or Teardown in a form it does not read (python, …), a body type it does not encode, or a target that is not a path or URL.",
    fix: "Put earlier calls in a Setup section (```http with `# @name`, ```bash with `NAME=$(curl … | jq -r '.path')`, ```json or ```yaml steps) and use their values; send JSON or form bodies.",
  },
  {
    id: 'request-without-cleanup',
    severity: 'warning',
    what: 'The request sends POST or PUT, is not a token request (`grant_type` in its form or body, or a path ending in /token), and declares no cleanup. If it creates something, that stays on the target; a run lists it as "may be left behind" when the response shows a new resource (201 Created or a Location header).',
    fix: 'Add a "cleanup" to the request (`"cleanup": "DELETE /apps/{{response.data.id}}"`) or a Teardown section; when the request creates nothing, say so with `"cleanup": null` and a `"cleanup_note"`.',
  },
  {
    id: 'setup-without-teardown',
    severity: 'warning',
    what: 'A setup step sends POST or PUT and nothing undoes it: no teardown uses its values, and no later setup step deletes it. If it creates something, that stays on the target, and cardcheck cannot report it as left behind (it does not know the step made something).',
    fix: 'Add a Teardown request that deletes what the step made (using a value it saves), or save nothing and ignore the warning when the step creates nothing (a token request).',
  },
  {
    id: 'request-body-mismatch',
    severity: 'error',
    what: 'A request has a body but its headers do not say how it is encoded (no `Content-Type`: curl would send JSON written with `-d` as a form), or they say one thing and the body is another: cardcheck would send something other than what the card means.',
    fix: 'Add `Content-Type: application/json` for a JSON body, or `Content-Type: application/x-www-form-urlencoded` for a form.',
  },
  {
    id: 'unknown-key',
    severity: 'warning',
    what: 'A request object (JSON or YAML), a YAML Setup/Teardown step or a UID field has a key cardcheck does not know (it is ignored), with "did you mean" for a near miss such as `heders` or `extract`. In an expectation an unknown key is an error instead (`unreadable-expectation`).',
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
    id: 'unsupported-pattern',
    severity: 'error',
    what: 'A `matches` pattern (a bullet `matches /re/`, a JSON `assert`, a YAML assertion list) that cardcheck cannot run: patterns are matched with RE2, in time linear in the value whatever the pattern, so lookaround (`(?=…)`, `(?!…)`, `(?<=…)`), backreferences (`\\1`) and `\\u` escapes are refused, as is a pattern no regular-expression engine reads, or one whose compiled program passes 2,000 instructions (counted repeats such as `{900}` multiply it; matching time is the length of the value times that size). Reported at the assertion. At run time a value too long for its pattern (length × instructions over 25 million, about a second) fails the check as not checked. The card is errored before anything is sent.',
    fix: 'Rewrite the pattern without lookaround or backreferences (check the parts with two assertions), and write `\\x{e9}` for `\\u00e9`.',
  },
  {
    id: 'unreadable-expectation',
    severity: 'error',
    what: 'Something in the card says what the response must be, but cardcheck would not turn it into a check, so the card could pass without it: a key of the Expected Response block it does not read; a front-matter key about the status, the expectation or the response that it does not read (it reads `expectedStatus`, `expected_status`, `expectedStatusCode`, `expected_status_code`, `expectStatus`, `expect_status`, and `status` inside `expected:`/`expect:`/`expectation:`); two different expected statuses; a section whose heading names an expected response, result, contract, assertions or checks that is not "Expected Response" or an examples section; a code block or table under "Expected Response" that is neither its expectation block nor an example after a status line; a bullet that is not one of the documented check forms, a Contract table column, type or field, or a rule-list line it does not read, or a sentence under a bullet heading (Assertions, Expected Result, Contract…); an item of a YAML assertion list that is not one of its forms (`judge:`, `schema:`), a key other than `status` under the `expect:` of a YAML step, or a key of a YAML request that states an expectation; a `$schema` naming a JSON Schema version other than draft-07, 2019-09 or 2020-12. The card is errored before anything is sent.',
    fix: 'Write the expectation in a form cardcheck reads: `expectedStatus: 201` in the front-matter, and under "## Expected Response" a ```json block { "status": 201, "schema": { … }, "assert": [ … ] } or a JSON Schema on its own; or delete what no one means to check.',
  },
  {
    id: 'invalid-schema-ref',
    severity: 'error',
    what: 'The response schema `$ref`s a shared schema file that does not exist, is not JSON, has nothing at the given `#/pointer`, or refers back to itself.',
    fix: 'A file `$ref` is relative to the card, e.g. "../schemas/token.json" or "…json#/definitions/error".',
  },
];

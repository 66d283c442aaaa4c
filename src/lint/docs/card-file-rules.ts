import type { RuleDoc } from './rule-doc.js';

/** Rules about reading a card file: its bytes, its front-matter, its markdown and JSON blocks. */
export const CARD_FILE_RULES: RuleDoc[] = [
  // Reading the file
  {
    id: 'outside-project',
    severity: 'error',
    noFixture:
      'a link to a file outside the repository cannot be committed as a fixture; test/e2e/outside-project.test.ts makes one',
    what: "A card found in a folder or by a glob is a link to a file outside the project (the config file's folder, or the working directory without one). It is not read, so nothing of it is shown. Reported at line 1. A card named on the command line is read wherever it is.",
    fix: 'Copy the card into the project, or name the file on the command line.',
  },
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
    what: 'A front-matter key cardcheck does not know (it is kept but ignored), with "did you mean" for a near miss such as `tag` or `skipReaso`.',
    fix: 'Use one of endpoint, domain, tags, status, skipReason, savedAt, verifiedAt, timesReused, id, api, auth, maxBodyBytes, endpointKind, standards (`skip: true` and `skip_reason` are read as `status: skip` and `skipReason`); or delete the key.',
  },
  {
    id: 'unknown-standards-rule',
    severity: 'error',
    what: 'A front-matter `standards: { off: [{ rule, reason }] }` names a rule that is not a standards rule, so it would switch nothing off.',
    fix: 'Use a rule id from docs/standards.md (the hint suggests the nearest one).',
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
    id: 'invalid-yaml',
    severity: 'error',
    what: 'A ```yaml block cardcheck reads (a request under "## Request", the steps of "## Setup" or "## Teardown", an assertion list under "## Assertions") is not valid YAML: a flow map or list left open, a bad indentation, a key given twice. The position is that of the first error.',
    fix: 'Fix the YAML at that position: `key: value` per line, nested keys indented, list items as `- item`.',
  },
  {
    id: 'missing-request-template',
    severity: 'error',
    what: 'The card has an `endpoint` but no "## Request Template" section, or the section has no JSON block, so there is nothing to send. (A `status: skip` card may leave it out.)',
    fix: 'Add "## Request Template" followed by a ```json block with `method` and `path`.',
  },
];

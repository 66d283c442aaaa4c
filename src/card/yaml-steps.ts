import { isMap, isScalar, isSeq } from 'yaml';
import type { SetupStep } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { unreadable } from './unreadable.js';
import type { YamlBlock } from './yaml-block.js';
import { deref, entries, parseYamlBlock, posOf } from './yaml-block.js';
import { readSaves, readYamlRequest, unknownKeys } from './yaml-request.js';

/**
 * The steps of a ```yaml block under "## Setup" or "## Teardown" (author D's dialect):
 *
 *     - name: create_account
 *       request: { method: POST, url: /service-accounts, headers: { … }, json: { … } }
 *       expect: { status: 201 }          # or a list of codes; no expect: any 2xx
 *       save: { account_id: $.id }       # JSONPaths, kept as dot paths (`id`)
 *
 * A single map is one step: `name`/`request`/`expect`/`save`, or a request map itself
 * (`method`, `url`, … beside `expect` and `save`). Never throws: every problem is a diagnostic.
 */
export const STEP_KEYS = ['name', 'request', 'expect', 'save'];
const EXPECT_KEYS = ['status'];
const STEP_HINT =
  'Write each step as - name: x, request: { method, url, headers, json | form }, expect: { status: 201 }, save: { x: $.id }.';
const STATUS_HINT = 'Write expect: { status: 201 }, or status: [200, 201].';

/** `expect:` of a step: its statuses; anything else under it is an expectation nobody would check (refused). */
function readExpect(block: YamlBlock, node: unknown, diagnostics: Diagnostic[]): number[] {
  const n = deref(block, node);
  const refuse = (at: unknown, message: string) =>
    diagnostics.push(unreadable(block.file, posOf(block, at), message, STATUS_HINT));
  if (n == null) return [];
  const list = isMap(n) ? entries(block, n) : [{ key: 'status', value: n, pair: undefined }];
  const codes: number[] = [];
  for (const e of list) {
    if (!EXPECT_KEYS.includes(e.key)) {
      refuse(e.pair?.key, `a step's expect has a key "${e.key}" cardcheck does not read, so nothing would check it`);
      continue;
    }
    const items = isSeq(e.value) ? e.value.items.map((i) => deref(block, i)) : [e.value];
    const values = items.map((i) => (isScalar(i) ? Number(i.value) : Number.NaN));
    if (values.length > 0 && values.every((v) => Number.isInteger(v) && v >= 100 && v <= 599)) codes.push(...values);
    else refuse(e.value, 'a step\'s expected "status" must be an HTTP status code or a list of them');
  }
  return codes;
}

/** One step: a map with `request` (or a request map itself). */
function readStep(block: YamlBlock, node: unknown, index: number, diagnostics: Diagnostic[]): SetupStep | undefined {
  const list = entries(block, node);
  if (list.length === 0) {
    diagnostics.push({
      ...unreadable(block.file, posOf(block, node), `step ${index + 1} is not a map`, STEP_HINT),
      ruleId: 'invalid-request',
    });
    return undefined;
  }
  const get = (key: string) => list.find((e) => e.key === key);
  const nameEntry = get('name');
  const name = isScalar(nameEntry?.value) ? String(nameEntry.value.value) : undefined;
  const what = name ? `step "${name}"` : `step ${index + 1}`;
  const inline = !get('request');
  if (!inline) unknownKeys({ block, what, diagnostics, placeholders: [] }, list, STEP_KEYS);
  const read = readYamlRequest(
    block,
    inline ? node : get('request')?.value,
    `the request of ${what}`,
    inline ? STEP_KEYS : [],
  );
  diagnostics.push(...read.diagnostics);
  const expectStatus = readExpect(block, get('expect')?.value, diagnostics);
  const saves = get('save') ? readSaves(block, get('save')?.value, diagnostics) : [];
  if (!read.request) return undefined;
  const step: SetupStep = { request: read.request, expectStatus, saves, ...posOf(block, node) };
  if (name !== undefined) step.name = name;
  return step;
}

/**
 * The steps of a YAML block whose content starts at file line `contentLine`: a list of steps, or one step.
 * A step whose request cannot be built is left out, with its diagnostics.
 */
export function parseYamlSteps(
  content: string,
  contentLine: number,
  file: string,
): { steps: SetupStep[]; diagnostics: Diagnostic[] } {
  const { block, diagnostic } = parseYamlBlock(content, contentLine, file, 'the steps block');
  if (!block) return { steps: [], diagnostics: diagnostic ? [diagnostic] : [] };
  const diagnostics: Diagnostic[] = [];
  const root = deref(block, block.doc.contents);
  const nodes = isSeq(root) ? root.items : [root];
  const steps: SetupStep[] = [];
  nodes.forEach((node, i) => {
    const step = readStep(block, deref(block, node), i, diagnostics);
    if (step) steps.push(step);
  });
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { steps, diagnostics };
}

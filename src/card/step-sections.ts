import type { SavedValue, SetupStep } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { isJsonObject } from '../core/json.js';
import { parseEndpointRef } from './endpoint-ref.js';
import { isHttpRequestBlock } from './http-message.js';
import { readHttpSteps } from './http-steps.js';
import { parseJsonBlock } from './json-block.js';
import type { Block, Fence } from './markdown.js';
import { isJsonFence } from './markdown.js';
import { findPlaceholders } from './placeholders.js';
import { parseRequestObject, requestFromEndpoint } from './request-spec.js';
import { allSectionBlocks } from './sections.js';
import { readShellSteps } from './shell-steps.js';
import { unreadable } from './unreadable.js';
import { isYamlLang } from './yaml-block.js';
import { parseYamlSteps } from './yaml-steps.js';

/**
 * The sections that hold requests made before and after the card's request, as teams name them. Their code blocks are
 * requests in any form cardcheck reads (JSON, an HTTP message, curl, YAML steps); a code block in another form is
 * refused at its line, since a setup nobody runs would leave the card's request without what it needs, and a teardown
 * nobody runs would leave a resource behind. Prose there is documentation.
 */
export const SETUP_HEADING =
  /^(set[ -]?up|prepare|preparation|before|before (?:all|each|the (?:call|test))|given|arrange|pre-?conditions?)$/i;
export const TEARDOWN_HEADING =
  /^(tear[ -]?down|clean[ -]?up|after|afterwards|after (?:all|each|the (?:call|test))|post-?conditions?)$/i;

export interface StepSections {
  setup: SetupStep[];
  teardown: SetupStep[];
  /** Names teardown commands give to values of the response under test (`APP_ID=$(echo "$RESPONSE" | jq …)`). */
  responseValues: SavedValue[];
  /** Lines of the blocks read, so no other reader refuses them. */
  read: number[];
}

const SHELL = new Set(['', 'bash', 'sh', 'shell', 'console', 'zsh', 'curl']);
const HINT =
  'Write each step as a ```http request, a ```bash curl command (NAME=$(curl … | jq -r \'.path\') saves a value), a ```json request object ({ "method", "path", …, "save": { "NAME": "data.id" } }) or ```yaml steps.';

export function readStepSections(blocks: Block[], file: string, diagnostics: Diagnostic[]): StepSections {
  const out: StepSections = { setup: [], teardown: [], responseValues: [], read: [] };
  for (const [heading, into] of [
    [SETUP_HEADING, out.setup],
    [TEARDOWN_HEADING, out.teardown],
  ] as const)
    for (const section of allSectionBlocks(blocks, heading)) {
      // A teardown written as a sentence (`DELETE /apps/{{response.id}}` with `Authorization: …`) is a request too.
      if (into === out.teardown && !section.blocks.some((b) => b.kind === 'fence'))
        into.push(...proseSteps(section.blocks, out.read));
      for (const b of section.blocks) {
        if (b.kind !== 'fence') continue;
        const read = readFence(b, file, out);
        if (!read) {
          const what = `this ${b.lang || 'code'} block under "${section.heading.text}"`;
          diagnostics.push(unreadable(file, b, `${what} is not a request cardcheck reads`, HINT, 'unreadable-request'));
          continue;
        }
        out.read.push(b.line);
        into.push(...read.steps);
        diagnostics.push(...read.diagnostics);
      }
    }
  return out;
}

function readFence(
  b: Fence,
  file: string,
  out: StepSections,
): { steps: SetupStep[]; diagnostics: Diagnostic[] } | undefined {
  const { lang, content, contentLine } = b;
  if (isHttpRequestBlock(lang, content)) return readHttpSteps(content, contentLine, file);
  if (isJsonFence(b, { lists: true })) return readJsonSteps(b, file);
  if (SHELL.has(lang.toLowerCase())) {
    const shell = readShellSteps(content, contentLine, file);
    out.responseValues.push(...shell.responseValues);
    return shell;
  }
  if (isYamlLang(lang)) return parseYamlSteps(content, contentLine, file);
  return undefined;
}

/** A JSON request object, or a list of them, each with an optional `"save": { "NAME": "data.id" }` and `"expect": { "status": 201 }`. */
function readJsonSteps(b: Fence, file: string): { steps: SetupStep[]; diagnostics: Diagnostic[] } {
  const { json, diagnostic } = parseJsonBlock(b.content, b.contentLine, file, 'the step');
  const diagnostics: Diagnostic[] = diagnostic ? [diagnostic] : [];
  const steps: SetupStep[] = [];
  if (!json) return { steps, diagnostics };
  const items = Array.isArray(json.value) ? json.value.map((_, i) => [i]) : [[]];
  for (const at of items) {
    const parsed = parseRequestObject(json, at, file, 'the step', ['save', 'expect', 'name']);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.request) continue;
    const raw = at.reduce<unknown>((v, k) => (v as unknown[])[k as number], json.value);
    const entry = isJsonObject(raw as never) ? (raw as Record<string, unknown>) : {};
    const saves: SavedValue[] = [];
    if (isJsonObject(entry.save as never))
      for (const [name, path] of Object.entries(entry.save as Record<string, unknown>))
        if (typeof path === 'string') saves.push({ name, path, ...json.keyPositionOf([...at, 'save', name]) });
    const expect = isJsonObject(entry.expect as never) ? (entry.expect as Record<string, unknown>) : {};
    for (const key of Object.keys(expect).filter((k) => k !== 'status'))
      diagnostics.push(
        unreadable(
          file,
          json.keyPositionOf([...at, 'expect', key]),
          `a step's "expect" holds its status only; cardcheck would not check "${key}"`,
          'Write "expect": { "status": 201 }; checks of the response under test go in the expectation sections.',
        ),
      );
    const status = expect.status;
    const expectStatus = (Array.isArray(status) ? status : status === undefined ? [] : [status]).filter(
      (s): s is number => typeof s === 'number',
    );
    const name = typeof entry.name === 'string' ? entry.name : undefined;
    const { line, column } = parsed.request;
    steps.push({ request: parsed.request, expectStatus, saves, name, line, column });
  }
  return { steps, diagnostics };
}

const INLINE_ENDPOINT = /`((?:GET|POST|PUT|PATCH|DELETE)\s+\/[^`]*)`/;
const INLINE_HEADER = /`([A-Za-z][\w-]*):\s*([^`]+)`/g;

/**
 * Requests a teardown section states in prose: each `METHOD /path` in backticks, with the `Name: value` headers in
 * backticks of its paragraph (up to the next endpoint).
 */
function proseSteps(blocks: Block[], read: number[]): SetupStep[] {
  const lines = blocks.flatMap((b) => (b.kind === 'text' ? [b] : []));
  const steps: SetupStep[] = [];
  lines.forEach((l, i) => {
    const m = INLINE_ENDPOINT.exec(l.text);
    const column = (m?.index ?? 0) + 2;
    const endpoint = m && parseEndpointRef(m[1] as string, l.line, column);
    if (!m || !endpoint) return;
    const headers: Record<string, string> = {};
    const placeholders = findPlaceholders(endpoint.path, l.line, column + endpoint.method.length + 1);
    for (const h of lines.slice(i, i + 3)) {
      if (h !== l && INLINE_ENDPOINT.test(h.text)) break;
      for (const hm of h.text.matchAll(INLINE_HEADER)) {
        headers[hm[1] as string] = (hm[2] as string).trim();
        placeholders.push(...findPlaceholders(hm[2] as string, h.line, (hm.index ?? 0) + (hm[1] as string).length + 4));
      }
    }
    read.push(l.line);
    const request = { ...requestFromEndpoint(endpoint, placeholders), headers, auth: undefined };
    steps.push({ request, expectStatus: [], saves: [], line: l.line, column });
  });
  return steps;
}

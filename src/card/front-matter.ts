import { isMap, isScalar, parseDocument } from 'yaml';
import type { FrontMatter } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { SwitchedOff } from '../core/endpoint-kind.js';
import { ENDPOINT_KINDS, isDeclaredKind } from '../core/endpoint-kind.js';
import type { SourceFile } from '../core/source.js';
import { aliasBomb, yamlErrorText } from '../util/yaml-bounds.js';
import { parseSimpleYaml } from './simple-yaml.js';

export interface FrontMatterResult {
  frontMatter: FrontMatter;
  /** Line in the file where the markdown body starts. */
  bodyLine: number;
  body: string;
  diagnostics: Diagnostic[];
}

/**
 * Split `---` front-matter from the body the way gray-matter 4 does (its
 * splitting rules, quirks included), without its engines: gray-matter picks a
 * parser from the word after the opening `---`, so `---js` ran `eval` on the
 * card, and `---json` or `---toml` threw. Here the front-matter is always
 * parsed as YAML by `yaml`, which keeps positions, and dates stay strings.
 * `text` has LF line endings and starts with `---`.
 */
export function splitFrontMatter(text: string): { matter: string; body: string; start: number } {
  // `----…` is not a front-matter delimiter.
  if (text.charAt(3) === '-') return { matter: '', body: text, start: 3 };
  let rest = text.slice(3);
  // Text after the opening `---` (a language tag) is not part of the matter,
  // so the matter starts at the end of line 1 either way.
  const newline = rest.indexOf('\n');
  const tag = rest.slice(0, newline);
  const start = tag.trim() ? 3 + tag.length : 3;
  if (start > 3) rest = rest.slice(tag.length);
  const close = rest.indexOf('\n---');
  if (close === -1) return { matter: rest, body: '', start };
  let body = rest.slice(close + 4);
  if (body.charAt(0) === '\n') body = body.slice(1);
  return { matter: rest.slice(0, close), body, start };
}

const asString = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? undefined : String(v));

/**
 * Full YAML: positions of keys, and the first error located in the file.
 * Only the first: once the YAML is broken, what `yaml` reports next is mostly
 * the same mistake seen again (a card whose closing --- is missing gave one
 * error per token of the markdown below), as JSON blocks report only theirs.
 * Positions are counted in the file text (`matter` starts at offset `start`
 * of it): `yaml`'s LineCounter misses the line breaks inside tokens it could
 * not parse, and drifted lines down.
 */
function parseYaml(
  matter: string,
  start: number,
  source: SourceFile,
  diagnostics: Diagnostic[],
): { record: Record<string, unknown>; keyLines: Record<string, number> } {
  const doc = parseDocument(matter, { schema: 'core', prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  const bomb = first ? undefined : aliasBomb(doc);
  if (bomb) {
    diagnostics.push({
      ruleId: 'invalid-front-matter',
      severity: 'error',
      file: source.path,
      ...source.positionAt(start + Math.min(bomb.offset, matter.length)),
      message: `front-matter is refused: ${bomb.message}`,
      hint: 'Write the values out, or use each anchor a few times; front-matter needs no aliases.',
    });
  }
  if (first) {
    diagnostics.push({
      ruleId: 'invalid-front-matter',
      severity: 'error',
      file: source.path,
      ...source.positionAt(start + Math.min(first.pos[0], matter.length)),
      message: `front-matter is not valid YAML: ${yamlErrorText(first.message)}`,
      hint: 'Front-matter is YAML between two --- lines: `key: value`, one per line.',
    });
  }
  const keyLines: Record<string, number> = {};
  if (isMap(doc.contents)) {
    for (const item of doc.contents.items) {
      if (isScalar(item.key) && item.key.range)
        keyLines[String(item.key.value)] = source.positionAt(start + item.key.range[0]).line;
    }
  }
  const data: unknown = doc.errors.length || bomb ? {} : doc.toJS({ maxAliasCount: -1 });
  const record =
    typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  return { record, keyLines };
}

export function parseFrontMatter(source: SourceFile): FrontMatterResult {
  const { text, path: file } = source;
  const diagnostics: Diagnostic[] = [];
  const empty: FrontMatter = { tags: [], data: {}, keyLines: {} };
  if (!text.startsWith('---')) {
    return { frontMatter: empty, bodyLine: 1, body: text, diagnostics };
  }
  const split = splitFrontMatter(text);
  const body = split.body;
  const bodyLine = source.positionAt(text.length - body.length).line;
  if (body === '' && !/\n---\s*(\n|$)/.test(text.slice(3))) {
    diagnostics.push({
      ruleId: 'unclosed-front-matter',
      severity: 'error',
      file,
      line: 1,
      column: 1,
      message: 'front-matter starts with --- but is never closed',
      hint: 'Add a line with --- after the last front-matter key.',
    });
  }
  // The raw matter starts with the rest of the opening `---` line, so its line 1 is file line 1.
  const { record, keyLines } =
    parseSimpleYaml(split.matter) ?? parseYaml(split.matter, split.start, source, diagnostics);
  const tags = Array.isArray(record.tags)
    ? record.tags.map(String)
    : typeof record.tags === 'string'
      ? [record.tags]
      : [];
  const reused = record.timesReused;
  const frontMatter: FrontMatter = {
    endpoint: asString(record.endpoint),
    domain: asString(record.domain),
    tags,
    // `skip: true` + `skip_reason:` is another team's way of writing `status: skip` + `skipReason:`.
    status: record.skip === true ? 'skip' : asString(record.status),
    skipReason: asString(record.skipReason) ?? asString(record.skip_reason),
    savedAt: asString(record.savedAt),
    verifiedAt: asString(record.verifiedAt),
    timesReused: typeof reused === 'number' ? reused : undefined,
    id: asString(record.id),
    api: asString(record.api),
    auth: asString(record.auth),
    maxBodyBytes: positiveInt(record.maxBodyBytes),
    data: record,
    keyLines,
  };
  readStandards(record, keyLines, frontMatter, file, diagnostics);
  if (record.maxBodyBytes !== undefined && frontMatter.maxBodyBytes === undefined)
    diagnostics.push({
      ruleId: 'invalid-front-matter',
      severity: 'error',
      file,
      line: keyLines.maxBodyBytes ?? 1,
      column: 1,
      message: `maxBodyBytes must be a whole number of bytes, at least 1 (found ${JSON.stringify(record.maxBodyBytes)})`,
      hint: 'Write e.g. `maxBodyBytes: 67108864` for 64 MiB.',
    });
  return { frontMatter, bodyLine, body, diagnostics };
}

const positiveInt = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);

/**
 * `endpointKind: token` (or another pack, or `none`) and `standards: { off: [{ rule, reason }] }`. The rule ids are
 * checked by lint (unknown-standards-rule), which knows the registry; here only the shape.
 */
function readStandards(
  record: Record<string, unknown>,
  keyLines: Record<string, number>,
  frontMatter: FrontMatter,
  file: string,
  diagnostics: Diagnostic[],
): void {
  const kind = record.endpointKind;
  if (kind !== undefined) {
    if (isDeclaredKind(kind)) frontMatter.endpointKind = kind;
    else
      diagnostics.push({
        ruleId: 'invalid-front-matter',
        severity: 'error',
        file,
        line: keyLines.endpointKind ?? 1,
        column: 1,
        message: `endpointKind must be one of ${ENDPOINT_KINDS.join(', ')} or none (found ${JSON.stringify(kind)})`,
        hint: 'Write e.g. `endpointKind: token`, or `endpointKind: none` for a card no standards pack should check.',
      });
  }
  const standards = record.standards;
  if (standards === undefined) return;
  const line = keyLines.standards ?? 1;
  const items =
    standards !== null && typeof standards === 'object' && !Array.isArray(standards)
      ? (standards as Record<string, unknown>).off
      : undefined;
  const off: SwitchedOff[] = [];
  const valid =
    Array.isArray(items) &&
    Object.keys(standards as object).every((k) => k === 'off') &&
    items.every((i) => {
      const rule = i !== null && typeof i === 'object' ? (i as Record<string, unknown>).rule : undefined;
      const reason = i !== null && typeof i === 'object' ? (i as Record<string, unknown>).reason : undefined;
      if (typeof rule !== 'string' || typeof reason !== 'string' || reason.trim() === '') return false;
      off.push({ rule, reason: reason.trim(), line });
      return true;
    });
  if (valid) frontMatter.standardsOff = off;
  else
    diagnostics.push({
      ruleId: 'invalid-front-matter',
      severity: 'error',
      file,
      line,
      column: 1,
      message: 'standards must be `{ off: [{ rule, reason }] }`: each switched-off rule with a reason',
      hint: 'Write e.g. `standards: { off: [{ rule: token-pragma-no-cache, reason: "the gateway strips Pragma" }] }`.',
    });
}

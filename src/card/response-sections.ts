import type { Assertion, ResponseExample } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { isHttpResponseBlock, parseHttpResponse } from './http-message.js';
import { parseJsonValue } from './json-block.js';
import type { Block, Fence } from './markdown.js';
import { isJsonFence } from './markdown.js';
import { unreadable } from './unreadable.js';

/** `## Response 201`, `## Response 201 Created`, `## Expected Response 400`, `### Response: 200`. */
export const RESPONSE_STATUS_HEADING = /^(?:expected\s+)?response\s*[:\-–]?\s*(\d{3})\b\s*(.*)$/i;

export interface ResponseSection {
  status: number;
  description: string;
  /** The heading's line, where the status is written. */
  line: number;
  column: number;
  /** The example body the section shows, when it has a JSON block. */
  example?: ResponseExample;
  /** Lines of the blocks read (the heading's JSON block), for the census of unread expectations. */
  read: number[];
  /** Headers an HTTP response message shows, each a check of the response (volatile ones left out). */
  headers: Assertion[];
}

/** Headers that differ on every response; an example showing them expects nothing of them. */
const VOLATILE = new Set([
  'date',
  'content-length',
  'server',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'etag',
  'last-modified',
  'x-request-id',
  'request-id',
  'x-correlation-id',
  'set-cookie',
]);

/** `Content-Type: application/json` expects that media type (any charset); any other header its exact value. */
function headerAssertion(name: string, value: string, line: number): Assertion {
  const target = { kind: 'header' as const, name };
  if (name === 'content-type')
    return { target, op: 'contains', value: value.split(';')[0]?.trim() ?? value, line, column: 1 };
  return { target, op: 'equals', value, line, column: 1 };
}

/** An HTTP response message under the heading: its status must be the heading's; its body is the example. */
function readHttpResponse(section: ResponseSection, fence: Fence, file: string, diagnostics: Diagnostic[]): void {
  const res = parseHttpResponse(fence.content, fence.contentLine, file);
  diagnostics.push(...res.diagnostics);
  section.read.push(fence.line);
  if (res.status !== undefined && res.status !== section.status)
    diagnostics.push(
      unreadable(
        file,
        { line: res.line },
        `this response says ${res.status}, but its heading on line ${section.line} says ${section.status}`,
        'Keep one status: the heading and the status line must agree.',
      ),
    );
  for (const [name, value] of Object.entries(res.headers))
    if (!VOLATILE.has(name)) section.headers.push(headerAssertion(name, value, res.headerLines[name] ?? res.line));
  if (res.body !== undefined)
    section.example = {
      status: section.status,
      description: section.description,
      body: res.body,
      line: res.bodyLine ?? fence.line,
      column: 1,
    };
}

/**
 * Sections whose heading names a response status: the status each one
 * documents, and its first JSON block as the example body of that status
 * (verify/ makes the schema a response must match from it).
 */
export function readResponseSections(blocks: Block[], file: string, diagnostics: Diagnostic[]): ResponseSection[] {
  const out: ResponseSection[] = [];
  let current: ResponseSection | undefined;
  for (const b of blocks) {
    if (b.kind === 'heading') {
      const m = b.level >= 2 ? RESPONSE_STATUS_HEADING.exec(b.text) : null;
      const status = Number(m?.[1]);
      current =
        m && status >= 100 && status <= 599
          ? { status, description: m[2] ?? '', line: b.line, column: 1, read: [], headers: [] }
          : undefined;
      if (current) out.push(current);
      continue;
    }
    if (!current || current.example || b.kind !== 'fence') continue;
    if (isHttpResponseBlock(b.lang, b.content)) {
      readHttpResponse(current, b, file, diagnostics);
      continue;
    }
    if (!isJsonFence(b, { lists: true })) continue;
    const what = `the ${current.status} response`;
    const { value, diagnostic } = parseJsonValue(b.content, b.contentLine, file, what);
    if (diagnostic) diagnostics.push(diagnostic);
    current.read.push(b.line);
    if (value !== undefined)
      current.example = {
        status: current.status,
        description: current.description,
        body: value,
        line: b.line,
        column: 1,
      };
  }
  return out;
}

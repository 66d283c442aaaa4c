import type { Card, RequestTemplate } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { isCurlBlock, parseCurlRequest } from './curl-request.js';
import { isHttpRequestBlock, parseHttpRequest } from './http-message.js';
import { parseJsonBlock } from './json-block.js';
import type { Block, Fence } from './markdown.js';
import { isJsonFence } from './markdown.js';
import { parseRequestTemplate } from './request-template.js';
import { sectionBlocks } from './sections.js';
import { isYamlLang } from './yaml-block.js';
import { parseYamlRequest } from './yaml-request.js';

type Section = NonNullable<ReturnType<typeof sectionBlocks>>;

/** The section holding the request: "Request Template" (the seed heading), or "Request" / "Call" as other teams write it. */
const REQUEST_HEADING = /request template|^(?:the )?(?:request|call)$/i;

/**
 * A heading that says what the response must be, as a card has and a vendor
 * page does not (a vendor page's "## Responses" and "## Examples" show
 * examples; seed 003 is such a page, with a "## Request" section).
 */
const STATES_EXPECTATION =
  /^(expect(?:ed)?\b.*|.*\bassertions?\b.*|.*\bcontracts?\b.*|response\s*[:\-–]?\s*\d{3}\b.*)$/i;

/** A "## Request" section is a card's only when the file says it is a card: an endpoint, or an expectation heading. */
function isCardsRequest(section: Section, blocks: Block[], hasEndpoint: boolean): boolean {
  if (/request template/i.test(section.heading.text) || hasEndpoint) return true;
  return blocks.some((b) => b.kind === 'heading' && b.level >= 2 && STATES_EXPECTATION.test(b.text));
}

/** Shell fences a curl command copied from vendor docs is written in. */
const SHELL = new Set(['', 'bash', 'sh', 'shell', 'console', 'zsh', 'curl']);
const isCurlFence = (b: Fence) => SHELL.has(b.lang) && isCurlBlock(b.content);

/** The first block of the section in a form cardcheck reads as a request: JSON, an HTTP message, curl, or YAML. */
function requestFence(section: Section): Fence | undefined {
  return section.blocks.find(
    (b): b is Fence =>
      b.kind === 'fence' &&
      (isHttpRequestBlock(b.lang, b.content) || isCurlFence(b) || isYamlLang(b.lang) || isJsonFence(b)),
  );
}

/** The request block, read: a JSON request object (with its `cleanup`), an HTTP message, a curl command, or YAML. */
function readRequest(fence: Fence, file: string, diagnostics: Diagnostic[]): RequestTemplate | undefined {
  if (isHttpRequestBlock(fence.lang, fence.content) || isCurlFence(fence)) {
    const read = isCurlFence(fence) ? parseCurlRequest : parseHttpRequest;
    const parsed = read(fence.content, fence.contentLine, file);
    diagnostics.push(...parsed.diagnostics);
    // Object.assign, as for JSON templates: one hidden class for every template.
    return parsed.request && Object.assign({}, parsed.request, { cleanup: undefined });
  }
  if (isYamlLang(fence.lang)) {
    const parsed = parseYamlRequest(fence.content, fence.contentLine, file);
    diagnostics.push(...parsed.diagnostics);
    const saves = parsed.saves.length > 0 ? { saves: parsed.saves } : {};
    return parsed.request && Object.assign({}, parsed.request, { cleanup: undefined }, saves);
  }
  const { json, diagnostic } = parseJsonBlock(fence.content, fence.contentLine, file, 'the Request Template');
  if (diagnostic) diagnostics.push(diagnostic);
  if (!json) return undefined;
  const parsed = parseRequestTemplate(json, file);
  diagnostics.push(...parsed.diagnostics);
  return parsed.request;
}

/** The request section, its request block, and the request read from it. */
export function readRequestSection(
  blocks: Block[],
  file: string,
  diagnostics: Diagnostic[],
  hasEndpoint: boolean,
): { section?: Section; fence?: Fence; request?: RequestTemplate } {
  const found = sectionBlocks(blocks, REQUEST_HEADING);
  const section = found && isCardsRequest(found, blocks, hasEndpoint) ? found : undefined;
  const fence = section && requestFence(section);
  const request = fence && readRequest(fence, file, diagnostics);
  return { section, fence, request };
}

/** What is wrong when a card that is not skipped has no Request Template, or its section has no JSON block. */
export function missingTemplate(
  card: Card,
  blocks: Block[],
  template: Section | undefined,
  templateFence: Fence | undefined,
): Diagnostic | undefined {
  if (template && !templateFence)
    return missingTemplateAt(
      card.file,
      template.heading.line,
      `the "${template.heading.text}" section has no request block (a JSON request object or an HTTP message)`,
      'Put the request in a ```json block ({ "method": "POST", "path": "/…" }) or a ```http block (POST /… then headers, a blank line and the body) under the heading.',
    );
  if (template || card.frontMatter.status === 'skip') return undefined;
  const swallowed = headingInFence(blocks, /request template/i);
  if (swallowed)
    return missingTemplateAt(
      card.file,
      swallowed.fence,
      `the "## Request Template" heading on line ${swallowed.line} is inside the code block that starts here, so the card has no Request Template`,
      'Close this code block with a ``` line where its content ends.',
    );
  return missingTemplateAt(
    card.file,
    card.frontMatter.keyLines.endpoint ?? 1,
    'this card has no "## Request Template" section, so there is nothing to send',
    'Add "## Request Template" followed by a ```json block with method and path.',
  );
}

function missingTemplateAt(file: string, line: number, message: string, hint: string): Diagnostic {
  return { ruleId: 'missing-request-template', severity: 'error', file, line, column: 1, message, hint };
}

/**
 * A level-2 heading matching `name` written inside a code block, as happens
 * when a ``` above it is left open and a later fence's closing line ends it.
 */
function headingInFence(blocks: Block[], name: RegExp): { fence: number; line: number } | undefined {
  for (const b of blocks) {
    if (b.kind !== 'fence') continue;
    const i = b.content.split('\n').findIndex((l) => /^##(?!#)\s/.test(l) && name.test(l));
    if (i >= 0) return { fence: b.line, line: b.contentLine + i };
  }
  return undefined;
}

import { HTTP_METHODS } from '../card/endpoint-ref.js';
import type { JsonValue } from '../core/json.js';
import type { RequestShape } from '../core/request.js';
import { findJsonObjects } from './json-in-text.js';

/**
 * What a vendor's documentation page says about one endpoint: a request's
 * method and path, its `body` when the page marks an example as such, and more.
 */
export interface VendorEndpoint extends Pick<RequestShape, 'method' | 'path' | 'body'> {
  /** 1-based line the endpoint was read from. */
  line: number;
  title: string;
  /** The page's own address, when it gives one. */
  source?: string;
  /** Header parameters the page lists (names only). */
  headers: string[];
  /** Example responses, in page order. */
  responses: { status: number; description: string; body: JsonValue }[];
  /** Why the endpoint cannot be tested on its own, when the page says so (a person must consent…). */
  needsPerson?: string;
  /** A name for the card's file, when the source gives one (an OpenAPI operationId). */
  id?: string;
  /** The success status a specification names (else the first 2xx example's). */
  expectStatus?: number;
  /** The success response's schema, when a specification gives one. */
  expectSchema?: JsonValue;
  /** What an OpenAPI document adds to the request: values for required parameters, credentials, UID fields. */
  openapi?: OpenApiExtras;
}

/** The parts of a drafted request an OpenAPI document gives beyond a vendor page's. */
export interface OpenApiExtras {
  query?: Record<string, JsonValue>;
  /** Header values (credentials, required header parameters), placeholders included. */
  headers?: Record<string, string>;
  basic?: { username: string; password: string };
  /** A form body (`application/x-www-form-urlencoded`), sent instead of JSON. */
  form?: Record<string, string>;
  /** A config auth profile the request uses. */
  auth?: string;
  /** The request's own cleanup, when it creates what the collection's DELETE removes. */
  cleanup?: JsonValue;
  /** Why a request that may create something has no cleanup. */
  cleanupNote?: string;
  /** The UID Resolution block: how each path parameter is obtained. */
  uid?: Record<string, JsonValue>;
  /** The operation's first tag. */
  domain?: string;
  /** The document's first server URL (Swagger 2: scheme, host and basePath): the base URL its paths are relative to. */
  server?: string;
  /** Env variables that hold credentials, with the security scheme each stands for. */
  credentials: { name: string; scheme: string; profile: string }[];
}

const METHOD_WORD = new RegExp(`^\\s*(${HTTP_METHODS.join('|')})\\s*$`, 'i');
const METHOD_PATH = new RegExp(`\\b(${HTTP_METHODS.join('|')})\\s+(/[^\\s\`*]*)`);
const PATH_OR_URL = /^\s*(https?:\/\/[^\s/]+)?(\/[^\s`*]*)\s*$/;
/** `**200 Operation succeeded**`, `### 200 OK`, or a line that is only `200`. */
const STATUS_LINE = /^\s*(?:\*\*|#{2,6}\s+)?([1-5]\d\d)\b\s*([^*]*?)\s*(?:\*\*)?\s*$/;
const BODY_MARK = /request body|body parameters|^\s*\**\s*body\b/i;
const HEADER_NAME = /^\s*(Authorization|X-[A-Za-z0-9-]+|Idempotency-Key)\s*$/;
/** Sentences saying a person must act first, most explicit first. */
const NEEDS_PERSON = [
  /[^.\n]*cannot be tested in isolation[^.\n]*/i,
  /[^.\n]*\b(?:user|browser) (?:consent|authorization flow)[^.\n]*/i,
  /[^.\n]*browser redirect[^.\n]*/i,
];
const EXAMPLE_LABEL = /^example\s*\d*$/i;
const NOT_A_TITLE = /^(overview|article summary|request|responses?|post|get|put|patch|delete|dark|light|pdf|•.*)$/i;

/** The endpoint of the page: a method on a line of its own and the path or URL after it (scraped pages), else the first `METHOD /path`. */
function findEndpoint(lines: string[]): { method: string; path: string; line: number } | undefined {
  for (let i = 0; i < lines.length; i++) {
    const m = METHOD_WORD.exec(lines[i] ?? '');
    if (!m) continue;
    let j = i + 1;
    while (j < lines.length && (lines[j] ?? '').trim() === '') j++;
    const p = PATH_OR_URL.exec(lines[j] ?? '');
    if (p?.[2]) return { method: (m[1] ?? '').toUpperCase(), path: p[2], line: j + 1 };
  }
  for (let i = 0; i < lines.length; i++) {
    const m = METHOD_PATH.exec(lines[i] ?? '');
    if (m) return { method: m[1] ?? '', path: m[2] ?? '', line: i + 1 };
  }
  return undefined;
}

function findTitle(lines: string[], endpoint: { method: string; path: string }): string {
  const heading = lines.find((l) => /^#\s+\S/.test(l));
  if (heading) return heading.replace(/^#\s+/, '').trim();
  for (const raw of lines.slice(0, 12)) {
    const l = raw.trim();
    if (!l || NOT_A_TITLE.test(l) || PATH_OR_URL.test(l) || METHOD_WORD.test(l)) continue;
    // A sentence stands for a title by its first clause.
    return l.split(/\.\s/)[0]?.replace(/\.$/, '') ?? l;
  }
  return `${endpoint.method} ${endpoint.path}`;
}

/**
 * Read a vendor documentation page (markdown, or text scraped from a docs
 * site whose code fences are gone) for one endpoint: its method and path, the
 * example request body, header parameters, and example responses per status.
 * Undefined when the page names no endpoint.
 */
export function readVendorPage(text: string): VendorEndpoint | undefined {
  const lines = text.split('\n');
  const endpoint = findEndpoint(lines);
  if (!endpoint) return undefined;
  const responsesFrom = lines.findIndex((l) => /^\s*(#+\s*)?responses\b/i.test(l));
  const jsons = findJsonObjects(text);
  let body: JsonValue | undefined;
  const responses: VendorEndpoint['responses'] = [];
  let lastStatus: { status: number; description: string; line: number } | undefined;
  let consumedUpTo = 0;
  for (const json of jsons) {
    // The nearest status line above the JSON, after the previous JSON, makes it a response example.
    for (let i = consumedUpTo; i < json.startLine - 1; i++) {
      const m = STATUS_LINE.exec(lines[i] ?? '');
      if (m && (responsesFrom === -1 || i > responsesFrom)) {
        let description = (m[2] ?? '').trim();
        for (let k = i + 1; !description && k < json.startLine - 1; k++) {
          const l = (lines[k] ?? '').trim();
          if (!EXAMPLE_LABEL.test(l)) description = l;
        }
        lastStatus = { status: Number(m[1]), description, line: i + 1 };
      }
    }
    consumedUpTo = json.endLine;
    const inResponses = responsesFrom !== -1 && json.startLine - 1 > responsesFrom;
    if (lastStatus && (inResponses || responsesFrom === -1)) {
      responses.push({ status: lastStatus.status, description: lastStatus.description, body: json.value });
      continue;
    }
    const above = lines.slice(Math.max(0, json.startLine - 4), json.startLine - 1).join('\n');
    if (body === undefined && !inResponses && BODY_MARK.test(above)) body = json.value;
  }
  const headersFrom = lines.findIndex((l) => /header parameters/i.test(l));
  const headers: string[] = [];
  if (headersFrom !== -1) {
    for (const l of lines.slice(headersFrom + 1, headersFrom + 40)) {
      if (/body parameters|responses/i.test(l)) break;
      const h = HEADER_NAME.exec(l);
      if (h?.[1] && !headers.includes(h[1])) headers.push(h[1]);
    }
  }
  const source = /(?:^|\s)Source:\s*(https?:\/\/\S+)/m.exec(text)?.[1];
  const person = NEEDS_PERSON.map((re) => re.exec(text)?.[0])
    .find((s) => s !== undefined)
    ?.trim()
    .replace(/^[-•*\s]+/, '');
  return { ...endpoint, title: findTitle(lines, endpoint), source, body, headers, responses, needsPerson: person };
}

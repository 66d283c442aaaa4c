import type { Diagnostic, SourcePos } from './diagnostic.js';
import type { JsonObject, JsonValue } from './json.js';

/** A `{{expr}}` occurrence in a card, with the place it was written. */
export interface Placeholder extends SourcePos {
  /** Trimmed inside of the braces, e.g. `resolved.service_id`. */
  expr: string;
  /** As written, e.g. `{{ resolved.service_id }}`. */
  raw: string;
}

/** `METHOD /path`, as cards write endpoints. */
export interface EndpointRef extends SourcePos {
  method: string;
  path: string;
}

export interface FrontMatter {
  endpoint?: string;
  domain?: string;
  tags: string[];
  status?: string;
  skipReason?: string;
  /** Dates are kept exactly as written. */
  savedAt?: string;
  verifiedAt?: string;
  timesReused?: number;
  /** Every key as parsed, for keys this version does not know. */
  data: Record<string, unknown>;
  /** Line of each top-level key. */
  keyLines: Record<string, number>;
}

export interface Section {
  heading: string;
  level: number;
  line: number;
  /** Last line that belongs to the section (inclusive). */
  endLine: number;
}

/** A JSON code block, with its placeholders located in the file. */
export interface JsonBlock {
  value: JsonValue;
  /** Line of the opening fence. */
  line: number;
  placeholders: Placeholder[];
}

/** A request cardcheck sends while resolving a field or cleaning up. */
export interface StepRequest extends SourcePos {
  endpoint: EndpointRef;
  body?: JsonValue;
  /** Placeholders used by this step, located. */
  placeholders: Placeholder[];
}

export type UidSource =
  /** Created fresh by a request, value extracted from its response. */
  | { kind: 'create'; create: StepRequest; extractFrom: string }
  /** Looked up by a GET, value extracted from its response. */
  | { kind: 'lookup'; lookup: StepRequest; extractFrom: string }
  /** Comes from outside cardcheck (a person, a browser redirect, a config value). */
  | { kind: 'external'; description: string };

export interface UidField extends SourcePos {
  name: string;
  source: UidSource;
  /** Run after the card when the value came from a create step. */
  cleanup?: StepRequest;
  cleanupNote?: string;
  notes?: string;
}

export interface RequestTemplate extends SourcePos {
  method: string;
  path: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  body?: JsonValue;
  /** Undo what the request itself created; may use `{{response.<path>}}`. */
  cleanup?: StepRequest;
  placeholders: Placeholder[];
}

export interface Expectation extends SourcePos {
  /** Accepted statuses; empty means any 2xx. */
  status: number[];
  schema?: JsonObject;
}

export interface Card {
  /** Path as given to cardcheck, forward slashes. */
  file: string;
  title?: { text: string; line: number };
  frontMatter: FrontMatter;
  sections: Section[];
  uidFields: UidField[];
  request?: RequestTemplate;
  expect?: Expectation;
}

export interface ParseCardResult {
  card?: Card;
  diagnostics: Diagnostic[];
  /** The decoded text lines, for showing the offending line in messages. */
  lines: string[];
}

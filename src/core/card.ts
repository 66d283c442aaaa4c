import type { Diagnostic, SourcePos } from './diagnostic.js';
import type { DeclaredKind, SwitchedOff } from './endpoint-kind.js';
import type { JsonObject, JsonValue } from './json.js';
import type { RequestShape } from './request.js';

/** A `{{expr}}` (or `<<expr>>`) occurrence in a card, with the place it was written. */
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
  /** Card id other cards use to chain on it; defaults to the file name without extension. */
  id?: string;
  /** Which API of the target the card calls; inherits the folder's. */
  api?: string;
  /** Auth profile for every request of the card; inherits the folder's. */
  auth?: string;
  /** Body byte cap of each response of the card (overrides --max-body-bytes and the target's). */
  maxBodyBytes?: number;
  /** `endpointKind:` the standards pack the card's request gets (`none`: no pack), instead of detection. */
  endpointKind?: DeclaredKind;
  /** `standards: { off: [{ rule, reason }] }`: standards rules the card switches off, with the reason reports show. */
  standardsOff?: SwitchedOff[];
  /** Every key as parsed, for keys this version does not know. */
  data: Record<string, unknown>;
  /** Line of each top-level key. */
  keyLines: Record<string, number>;
}

/**
 * A request as a card writes it: the Request Template, and every lookup,
 * create and cleanup step of UID resolution. String values may hold placeholders.
 */
export interface RequestSpec extends RequestShape, SourcePos {
  /** Always present, maybe empty. */
  query: Readonly<Record<string, string>>;
  /** Always present, maybe empty. */
  headers: Readonly<Record<string, string>>;
  /** HTTP Basic credentials (client authentication, RFC 6749 §2.3.1). */
  basic?: { username: string; password: string };
  /** Auth profile name, or `none`; undefined inherits the card's. */
  auth?: string;
  /** Follow same-origin redirects. @default false */
  followRedirects: boolean;
  /** Placeholders used by this request, located. */
  placeholders: Placeholder[];
}

export type UidSource =
  /** Created by a request, value extracted from its response. When not fresh, looked up first and shared by the run. */
  | {
      kind: 'create';
      create: RequestSpec;
      /** Dot path into the response; empty for a setup step that saves nothing. */
      extractFrom: string;
      fresh: boolean;
      lookup?: RequestSpec;
      /** Set for a step of a Setup section: sent once per step even when another step sends the same request, and answered with one of `expectStatus` (empty: any 2xx). */
      setup?: { line: number; expectStatus: readonly number[] };
      /** `"resource": false`: the value is not a resource (a token that dies with its client); never listed as left behind. */
      notResource?: boolean;
    }
  /** Looked up by a request, value extracted from its response. */
  | { kind: 'lookup'; lookup: RequestSpec; extractFrom: string }
  /** A literal value, which may hold placeholders (`{{env.X}}`). */
  | { kind: 'value'; value: JsonValue; placeholders: Placeholder[] }
  /**
   * Only a person can produce it (a browser consent, a mailed code). With a
   * `browser` flow, `cardcheck run --browser` does what the person would do
   * in headless Chromium, and the value is the `extractFrom` query parameter
   * of the redirect that ends the flow.
   */
  | { kind: 'external'; description: string; browser?: BrowserFlow; extractFrom?: string };

/** What a person does in a browser to produce a value: open a page, fill and click, until it redirects. */
export interface BrowserFlow extends SourcePos {
  /** The page to open: a path of the card's API (joined to its base URL) or a full URL. */
  open: string;
  /** In order: fill a field (CSS selector) with a value, or click an element. */
  steps: ({ fill: string; with: string } | { click: string })[];
  /** The flow ends when the browser is sent to a URL starting with this (the app's redirect URI). */
  redirectUri: string;
  /** Placeholders in `open`, the steps and `redirectUri`, located. */
  placeholders: Placeholder[];
}

export interface UidField extends SourcePos {
  name: string;
  source: UidSource;
  /** Run after the card when the value came from a create step. */
  cleanup?: RequestSpec;
  cleanupNote?: string;
  notes?: string;
}

export interface RequestTemplate extends RequestSpec {
  /** Undo what the request itself created; may use `{{response.<path>}}`. */
  cleanup?: RequestSpec;
  /** `"cleanup": null` (with an optional `"cleanup_note"`): the card says the request makes nothing to undo. */
  noCleanup?: string;
  /** What a YAML request block's `save:` keeps from the response, for the Teardown requests (`{{resolved.<name>}}`). */
  saves?: SavedValue[];
}

/** How many items of a list a quantified assertion must hold for: every one, at least one, or none. */
export type Quantifier = 'every' | 'some' | 'none';

/** One assertion on the response beyond its shape. */
export interface Assertion extends SourcePos {
  /** Dot path into the JSON body (into each item when `each` is set; '' is the item itself), or a header name. */
  target: { kind: 'body'; path: string } | { kind: 'header'; name: string };
  op: 'equals' | 'notEquals' | 'matches' | 'exists' | 'oneOf' | 'contains' | 'greaterThan' | 'lessThan' | 'type';
  value: JsonValue;
  /**
   * A quantified assertion (`every item in body.data has active = true`): the
   * list at `path` (a body dot path, '' for the body) must be a list, and the
   * assertion must hold for every item / some item / no item of it. An empty
   * list fails `every` and `none` as well as `some`: nothing would be checked.
   */
  each?: { quantifier: Quantifier; path: string };
}

/** A vendor-doc style example: `**200 Operation succeeded**` + a JSON body. */
export interface ResponseExample extends SourcePos {
  status: number;
  description: string;
  /** The example body; verify/ derives the schema it stands for (keys present are required, types, formats) when a response is checked. */
  body: JsonValue;
}

export interface Expectation extends SourcePos {
  /** Accepted statuses; empty means any 2xx. */
  status: number[];
  schema?: JsonObject;
  assertions: Assertion[];
  /** Response-time ceiling. */
  maxDurationMs?: number;
  /** Placeholders in assertion values (e.g. `{{resolved.client_id}}`), located. */
  placeholders: Placeholder[];
  /** Where the expected status, the schema and the duration ceiling are written, for check results. */
  statusAt?: SourcePos;
  schemaAt?: SourcePos;
  durationAt?: SourcePos;
  /** Where each file `$ref` of the schema is written, by the JSON pointer of its object in the schema ('' for the schema itself). */
  schemaRefs?: { pointer: string; line: number; column: number }[];
}

/** A value a setup step saves from its response, for the requests and expectations after it (`{{resolved.<name>}}`). */
export interface SavedValue extends SourcePos {
  name: string;
  /** Dot path into the response body, as `extract_from` (`data.client_id`, `items[0].id`). */
  path: string;
}

/** A request a Setup section (Setup, Prepare, Before…) makes before the card's request, in any request form. */
export interface SetupStep extends SourcePos {
  request: RequestSpec;
  /** Statuses it must answer; empty means any 2xx. */
  expectStatus: number[];
  /** What it saves from its response. */
  saves: SavedValue[];
  /** Its name (`# @name account`, YAML `name:`), which `{{account.response.body.$.id}}` references use. */
  name?: string;
}

export interface Card {
  /** Path as given to cardcheck, forward slashes. */
  file: string;
  /** Front-matter `id`, else the file name without extension. */
  id: string;
  title?: { text: string; line: number };
  frontMatter: FrontMatter;
  uidFields: UidField[];
  request?: RequestTemplate;
  expect?: Expectation;
  examples: ResponseExample[];
}

export interface ParseCardResult {
  card?: Card;
  diagnostics: Diagnostic[];
  /** The decoded text (no BOM, LF line endings), for showing the offending line in messages (see sourceLine). */
  text: string;
  /** The code fences that are never closed (whether they hold anything), for the unclosed-fence rule. */
  unclosedFences: readonly { line: number; empty: boolean }[];
}

import type { BrowserFlow, Card, RequestSpec } from './card.js';
import type { Diagnostic } from './diagnostic.js';
import type { JsonValue } from './json.js';

/** One request (or literal) that binds one or more UID fields; fields sharing a create call share the step. */
export interface FixtureStep {
  kind: 'create' | 'lookup' | 'value' | 'browser';
  request?: RequestSpec;
  /** For a non-fresh create: look it up first, create only when not found. */
  lookup?: RequestSpec;
  value?: JsonValue;
  /** For a browser step: what a person would do; the fields are query parameters of the redirect that ends it. */
  browser?: BrowserFlow;
  fields: { name: string; extractFrom: string }[];
  /** Cleanups declared by the step's fields, deduplicated. */
  cleanups: RequestSpec[];
  /** Why there is no cleanup, when the card says. */
  cleanupNote?: string;
  /** Run-wide key when the resource is not fresh: created once, shared, cleaned up at the end of the run. */
  sharedKey?: string;
}

export interface CardPlan {
  file: string;
  line: number;
  endpoint: string;
  title: string;
  /** Card id other cards chain on. */
  id: string;
  action: 'run' | 'skip' | 'error';
  /** Skip reason or error summary. */
  reason: string;
  diagnostics: Diagnostic[];
  card?: Card;
  /** Fixture steps in dependency order. */
  fixtures: FixtureStep[];
  /** API of the target this card calls. */
  api?: string;
  /** Default auth profile of the card's requests. */
  auth?: string;
  /** Ids of cards whose values this card uses. */
  needs: string[];
  /** Where the card first uses each of them (its `{{card.<id>.…}}` placeholder), for messages. */
  needsAt?: Record<string, { line: number; column: number }>;
  /** True when another card needs this one: its cleanups wait for the end of the run. */
  needed: boolean;
}

export interface RunPlan {
  /** In execution order: a needed card runs before the cards that use it. */
  cards: CardPlan[];
}

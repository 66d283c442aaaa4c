import type { BrowserFlow, Card, Placeholder, RequestSpec, RequestTemplate } from './card.js';
import type { Diagnostic } from './diagnostic.js';
import type { JsonValue } from './json.js';

/** What every fixture step has: the UID fields it binds, and how to undo what it made. */
interface StepBase {
  /** Each field and where its value is read: a path into the response, a query parameter of the redirect. */
  fields: { name: string; extractFrom: string }[];
  /** Cleanups declared by the step's fields, deduplicated. */
  cleanups: RequestSpec[];
  /** Why there is no cleanup, when the card says. */
  cleanupNote?: string;
}

/** Fields read from the response of a create request; fields sharing a create call share the step. */
export interface CreateStep extends StepBase {
  kind: 'create';
  request: RequestSpec;
  /** For a non-fresh create: look it up first, create only when not found. */
  lookup?: RequestSpec;
  /** Run-wide key when the resource is not fresh: created once, shared, cleaned up at the end of the run. */
  sharedKey?: string;
  /** Statuses a setup step must answer (any 2xx when absent or empty). */
  expectStatus?: readonly number[];
  /**
   * A step of a Setup section: like the card's request, what it makes is recorded (journal, Left behind) only when a
   * teardown undoes it; a UID Resolution create step is a creation by definition.
   */
  fromSetup?: boolean;
  /** The card says what it creates is not a resource (`"resource": false`): nothing to clean up or list. */
  notResource?: boolean;
}

/** Fields read from the response of a lookup request. */
export interface LookupStep extends StepBase {
  kind: 'lookup';
  request: RequestSpec;
}

/** One field with a literal value, which may hold placeholders (`{{env.X}}`). */
export interface ValueStep extends StepBase {
  kind: 'value';
  value: JsonValue;
  /** Placeholders in the value, located. */
  placeholders: Placeholder[];
}

/** Fields a person would produce in a browser: query parameters of the redirect that ends the flow. */
export interface BrowserStep extends StepBase {
  kind: 'browser';
  /** What a person would do. */
  browser: BrowserFlow;
}

/** One request (or literal, or browser flow) that binds one or more UID fields. */
export type FixtureStep = CreateStep | LookupStep | ValueStep | BrowserStep;

/** What every plan says of its card, whether it runs or not. */
export interface PlanBase {
  file: string;
  line: number;
  endpoint: string;
  title: string;
  /** Card id other cards chain on. */
  id: string;
  diagnostics: Diagnostic[];
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
  /** What later stages read of the card, carried by a lean plan in place of the card (src/plan/plan-facts.ts). */
  facts?: PlanFacts;
}

/**
 * What the stages between plan and execute read of a card: selection, shards, the production guard, credential
 * flows and the result's header. Small enough to keep for every card of a large run.
 */
export interface PlanFacts {
  tags: readonly string[];
  domain: string;
  /** Statuses the card documents: the ones it expects and the ones it has examples for, ascending. */
  documentedStatuses: readonly number[];
  /** Run-wide keys of the shared (not fresh) fixtures the card uses. */
  sharedKeys: readonly string[];
  /** The first request that is not GET or HEAD (method overrides count), for the production guard. */
  mutation?: { sends: string; line: number };
  /** The line of the card's first browser flow, whose forms may POST. */
  browserLine?: number;
  /** Placeholder expressions the card's requests put into credentials (credential-flows.ts); on lean plans only. */
  credentialExprs?: readonly string[];
}

/** A card that will be sent: its request, and the fixture steps that come first. */
export interface RunnablePlan extends PlanBase {
  action: 'run';
  /** Absent: the card is here. */
  lean?: never;
  /** The card's text (no BOM, LF endings), when the plan was read again for its run (a lean plan's). */
  text?: string;
  card: Card;
  /** The card's Request Template. */
  request: RequestTemplate;
  /** Fixture steps in dependency order. */
  fixtures: FixtureStep[];
  /** Only a card that does not run has a reason. */
  reason?: never;
}

/** What a card that will not be sent has instead of a request: the reason. */
interface NotRunBase extends PlanBase {
  /** Skip reason or error summary. */
  reason: string;
  /** The card, when it could be read: its domain, tags and documented statuses still go in the result. */
  card?: Card;
  /** Only a runnable plan has a request and fixture steps. */
  request?: never;
  fixtures?: never;
  lean?: never;
}

/** A card skipped: status: skip, a value only a person can produce, held back on a production target. */
export interface SkippedPlan extends NotRunBase {
  action: 'skip';
}

/** A card that cannot run: its errors (or those of a card it needs) are in the diagnostics, the first in the reason. */
export interface ErroredPlan extends NotRunBase {
  action: 'error';
}

export type NotRunPlan = SkippedPlan | ErroredPlan;

/**
 * A runnable card of a large run, kept small: its facts instead of the card, and the way back to the card (read the
 * file again and plan it) for when it runs (src/plan/lean-plan.ts).
 */
export interface LeanPlan extends PlanBase {
  action: 'run';
  facts: PlanFacts;
  /** Plans the card again from its file (src/plan/lean-plan.ts `materialize`). */
  lean: { again(): Promise<RunnablePlan | NotRunPlan | undefined> };
  card?: never;
  request?: never;
  fixtures?: never;
  reason?: never;
}

export type CardPlan = RunnablePlan | NotRunPlan | LeanPlan;

/** The plan of a card that will not run, keeping what every plan says of its card. */
export function notRun(
  plan: PlanBase & { card?: Card },
  action: NotRunPlan['action'],
  reason: string,
  diagnostics: Diagnostic[] = plan.diagnostics,
): NotRunPlan {
  return {
    file: plan.file,
    line: plan.line,
    endpoint: plan.endpoint,
    title: plan.title,
    id: plan.id,
    action,
    reason,
    diagnostics,
    card: plan.card,
    api: plan.api,
    auth: plan.auth,
    needs: plan.needs,
    needsAt: plan.needsAt,
    needed: plan.needed,
    ...(plan.facts ? { facts: plan.facts } : {}),
  };
}

export interface RunPlan {
  /** In execution order: a needed card runs before the cards that use it. */
  cards: CardPlan[];
}

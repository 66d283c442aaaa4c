import type { Card, StepRequest } from './card.js';
import type { Diagnostic } from './diagnostic.js';

/** One request that binds one or more UID fields (fields sharing a create call share the step). */
export interface FixtureStep {
  kind: 'create' | 'lookup';
  request: StepRequest;
  fields: { name: string; extractFrom: string }[];
  /** Cleanups declared by the step's fields, deduplicated. */
  cleanups: StepRequest[];
  /** Why there is no cleanup, when the card says. */
  cleanupNote?: string;
}

export interface CardPlan {
  file: string;
  line: number;
  endpoint: string;
  title: string;
  action: 'run' | 'skip' | 'error';
  /** Skip reason or error summary. */
  reason: string;
  diagnostics: Diagnostic[];
  card?: Card;
  fixtures: FixtureStep[];
}

export interface RunPlan {
  cards: CardPlan[];
}

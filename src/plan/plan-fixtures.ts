import { requestParts } from '../card/card-requests.js';
import type { Card, Placeholder, RequestSpec, UidField, UidSource } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { CreateStep, FixtureStep, LookupStep } from '../core/plan.js';
import { classifyExpr } from './placeholder-expr.js';

/** What a request does, without where it was written: equal keys mean the same request. */
function requestKey(r: RequestSpec | undefined): string {
  return r ? JSON.stringify(requestParts(r)) : '';
}

/** Placeholders of what a step sends or opens: its requests, its browser flow, its value. */
function stepPlaceholders(step: FixtureStep): readonly Placeholder[] {
  switch (step.kind) {
    case 'create':
      return [...step.request.placeholders, ...(step.lookup?.placeholders ?? [])];
    case 'lookup':
      return step.request.placeholders;
    case 'browser':
      return step.browser.placeholders;
    case 'value':
      return step.placeholders;
  }
}

/** The UID fields a step uses, each with the first placeholder that uses it. */
function fieldsUsed(step: FixtureStep): Map<string, Placeholder> {
  const used = new Map<string, Placeholder>();
  addFieldRefs(used, stepPlaceholders(step));
  return used;
}

function addFieldRefs(used: Map<string, Placeholder>, placeholders: readonly Placeholder[]): void {
  for (const p of placeholders) {
    const ref = classifyExpr(p.expr);
    if (ref.ns === 'field' && !used.has(ref.name)) used.set(ref.name, p);
  }
}

export interface FixturePlan {
  steps: FixtureStep[];
  diagnostics: Diagnostic[];
}

type RequestStep = CreateStep | LookupStep;

/** Steps that send a request, by `kind METHOD path`, each with the key of its full request once one was needed. */
type StepsByRoute = Map<string, { full: string; step: RequestStep }[]>;

/**
 * The step a create or lookup field joins: an earlier step sending the very
 * same request, else a new one (then `added`).
 */
function requestStep(
  byRoute: StepsByRoute,
  src: Extract<UidSource, { kind: 'create' | 'lookup' }>,
): { step: RequestStep; added: boolean } {
  const req = src.kind === 'create' ? src.create : src.lookup;
  // A Setup section's step is its own call, whatever other steps send; its fields share it.
  const setup = src.kind === 'create' ? src.setup : undefined;
  const route = setup ? `setup ${setup.line}` : `${src.kind} ${req.method} ${req.path}`;
  const candidates = byRoute.get(route) ?? [];
  const full =
    src.kind === 'create' && (!src.fresh || candidates.length > 0)
      ? `${src.kind} ${requestKey(req)} ${requestKey(src.lookup)}`
      : candidates.length > 0
        ? `${src.kind} ${requestKey(req)}`
        : '';
  let found: RequestStep | undefined;
  for (const c of candidates) {
    if (!c.full)
      c.full =
        c.step.kind === 'create'
          ? `create ${requestKey(c.step.request)} ${requestKey(c.step.lookup)}`
          : `lookup ${requestKey(c.step.request)}`;
    if (c.full === full) found = c.step;
  }
  if (found) return { step: found, added: false };
  const step: RequestStep =
    src.kind === 'create'
      ? {
          kind: 'create',
          request: src.create,
          lookup: src.lookup,
          fields: [],
          cleanups: [],
          sharedKey: src.fresh ? undefined : full,
          expectStatus: setup?.expectStatus,
          fromSetup: setup !== undefined,
          notResource: src.kind === 'create' && src.notResource === true,
        }
      : { kind: 'lookup', request: src.lookup, fields: [], cleanups: [] };
  candidates.push({ full, step });
  byRoute.set(route, candidates);
  return { step, added: true };
}

/** The field's cleanup joins the step's (once), or its note explains why there is none. */
function addCleanup(step: FixtureStep, field: UidField): void {
  if (field.cleanup) {
    const c = field.cleanup;
    if (!step.cleanups.some((x) => x === c || requestKey(x) === requestKey(c))) step.cleanups.push(c);
  } else if (field.cleanupNote && !step.cleanupNote) {
    step.cleanupNote = field.cleanupNote;
  }
}

/**
 * Group the card's resolvable UID fields into requests (fields from the same
 * create call share ONE call) and order them so a step runs after the steps
 * whose fields it uses. Cycles are reported.
 */
export function planFixtures(card: Card, browser = false): FixturePlan {
  // Grouped by METHOD + path first; the full request is compared only when two fields share those.
  const byRoute: StepsByRoute = new Map();
  const ordered: FixtureStep[] = [];
  const lineOf = new Map<string, number>();
  for (const field of card.uidFields) {
    const src = field.source;
    if (src.kind === 'external') {
      // Driven in a browser when the run does that; otherwise the card is skipped (plan-run).
      if (browser && src.browser) {
        lineOf.set(field.name, field.line);
        ordered.push({
          kind: 'browser',
          browser: src.browser,
          fields: [{ name: field.name, extractFrom: src.extractFrom ?? '' }],
          cleanups: [],
        });
      }
      continue;
    }
    lineOf.set(field.name, field.line);
    let step: FixtureStep;
    if (src.kind === 'value') {
      step = { kind: 'value', value: src.value, placeholders: src.placeholders, fields: [], cleanups: [] };
      ordered.push(step);
    } else {
      const joined = requestStep(byRoute, src);
      step = joined.step;
      if (joined.added) ordered.push(step);
    }
    step.fields.push({ name: field.name, extractFrom: src.kind === 'value' ? '' : src.extractFrom });
    addCleanup(step, field);
  }
  return orderSteps(ordered, card, lineOf);
}

function orderSteps(all: FixtureStep[], card: Card, lineOf: Map<string, number>): FixturePlan {
  const owner = new Map<string, FixtureStep>();
  for (const s of all) for (const f of s.fields) owner.set(f.name, s);
  // Each step's dependencies, with the placeholder that makes it depend (where a cycle is reported).
  const deps = new Map(
    all.map((s) => {
      const used = fieldsUsed(s);
      const on = new Map<FixtureStep, Placeholder>();
      for (const [name, p] of used) {
        const d = owner.get(name);
        if (d && d !== s && !on.has(d)) on.set(d, p);
      }
      return [s, on];
    }),
  );
  const ordered: FixtureStep[] = [];
  const state = new Map<FixtureStep, 'visiting' | 'done'>();
  const diagnostics: Diagnostic[] = [];
  const visit = (s: FixtureStep, path: FixtureStep[]): void => {
    if (state.get(s) === 'done') return;
    if (state.get(s) === 'visiting') {
      const steps = [...path.slice(path.indexOf(s)), s];
      const cycle = steps.map((x) => x.fields.map((f) => f.name).join('+'));
      // At the placeholder by which the cycle's first step uses the next one.
      const at = deps.get(s)?.get(steps[1] as FixtureStep) ?? {
        line: lineOf.get(s.fields[0]?.name ?? '') ?? 1,
        column: 1,
      };
      diagnostics.push({
        ruleId: 'uid-cycle',
        severity: 'error',
        file: card.file,
        line: at.line,
        column: at.column,
        message: `UID fields need each other in a cycle: ${cycle.join(' → ')}`,
        hint: 'Break the cycle: one of these fields must be obtainable without the others.',
      });
      return;
    }
    state.set(s, 'visiting');
    for (const d of deps.get(s)?.keys() ?? []) visit(d, [...path, s]);
    state.set(s, 'done');
    ordered.push(s);
  };
  for (const s of all) visit(s, []);
  return { steps: ordered, diagnostics: diagnostics.slice(0, 1) };
}

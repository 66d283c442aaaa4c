import type { Card, RequestSpec } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { FixtureStep } from '../core/plan.js';
import { classifyExpr } from './placeholder-expr.js';

/** What a request does, without where it was written: equal keys mean the same request. */
function requestKey(r: RequestSpec | undefined): string {
  if (!r) return '';
  return JSON.stringify([r.method, r.path, r.query, r.headers, r.body ?? null, r.form ?? null, r.basic ?? null, r.auth ?? null]);
}

function fieldsUsed(step: FixtureStep): Set<string> {
  const used = new Set<string>();
  const placeholders = [...(step.request?.placeholders ?? []), ...(step.lookup?.placeholders ?? [])];
  for (const p of placeholders) {
    const ref = classifyExpr(p.expr);
    if (ref.ns === 'field') used.add(ref.name);
  }
  return used;
}

export interface FixturePlan {
  steps: FixtureStep[];
  diagnostics: Diagnostic[];
}

/**
 * Group the card's resolvable UID fields into requests (fields from the same
 * create call share ONE call) and order them so a step runs after the steps
 * whose fields it uses. Cycles are reported.
 */
export function planFixtures(card: Card): FixturePlan {
  // Grouped by METHOD + path first; the full request is compared only when two fields share those.
  const byRoute = new Map<string, { full: string; step: FixtureStep }[]>();
  const ordered: FixtureStep[] = [];
  const lineOf = new Map<string, number>();
  for (const field of card.uidFields) {
    const src = field.source;
    if (src.kind === 'external') continue;
    lineOf.set(field.name, field.line);
    let step: FixtureStep | undefined;
    if (src.kind !== 'value') {
      const req = src.kind === 'create' ? src.create : src.lookup;
      const route = `${src.kind} ${req.method} ${req.path}`;
      const candidates = byRoute.get(route) ?? [];
      const full = src.kind === 'create' && (!src.fresh || candidates.length > 0) ? `${src.kind} ${requestKey(req)} ${requestKey(src.lookup)}` : candidates.length > 0 ? `${src.kind} ${requestKey(req)}` : '';
      for (const c of candidates) {
        if (!c.full) c.full = c.step.kind === 'create' ? `create ${requestKey(c.step.request)} ${requestKey(c.step.lookup)}` : `lookup ${requestKey(c.step.request)}`;
        if (c.full === full) step = c.step;
      }
      if (!step) {
        step = src.kind === 'create'
          ? { kind: 'create', request: src.create, lookup: src.lookup, fields: [], cleanups: [], sharedKey: src.fresh ? undefined : full }
          : { kind: 'lookup', request: src.lookup, fields: [], cleanups: [] };
        candidates.push({ full, step });
        byRoute.set(route, candidates);
        ordered.push(step);
      }
    } else {
      step = { kind: 'value', value: src.value, fields: [], cleanups: [] };
      ordered.push(step);
    }
    step.fields.push({ name: field.name, extractFrom: src.kind === 'value' ? '' : src.extractFrom });
    if (field.cleanup) {
      const c = field.cleanup;
      if (!step.cleanups.some((x) => x === c || requestKey(x) === requestKey(c))) step.cleanups.push(c);
    } else if (field.cleanupNote && !step.cleanupNote) {
      step.cleanupNote = field.cleanupNote;
    }
  }
  return orderSteps(ordered, card, lineOf);
}

function orderSteps(all: FixtureStep[], card: Card, lineOf: Map<string, number>): FixturePlan {
  const owner = new Map<string, FixtureStep>();
  for (const s of all) for (const f of s.fields) owner.set(f.name, s);
  const deps = new Map(all.map((s) => {
    const used = s.kind === 'value' ? valueFields(card, s) : fieldsUsed(s);
    return [s, [...used].map((n) => owner.get(n)).filter((d): d is FixtureStep => d !== undefined && d !== s)];
  }));
  const ordered: FixtureStep[] = [];
  const state = new Map<FixtureStep, 'visiting' | 'done'>();
  const diagnostics: Diagnostic[] = [];
  const visit = (s: FixtureStep, path: FixtureStep[]): void => {
    if (state.get(s) === 'done') return;
    if (state.get(s) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(s)), s].map((x) => x.fields.map((f) => f.name).join('+'));
      const first = s.fields[0]?.name ?? '';
      diagnostics.push({ ruleId: 'uid-cycle', severity: 'error', file: card.file, line: lineOf.get(first) ?? 1, column: 1, message: `UID fields need each other in a cycle: ${cycle.join(' → ')}`, hint: 'Break the cycle: one of these fields must be obtainable without the others.' });
      return;
    }
    state.set(s, 'visiting');
    for (const d of deps.get(s) ?? []) visit(d, [...path, s]);
    state.set(s, 'done');
    ordered.push(s);
  };
  for (const s of all) visit(s, []);
  return { steps: ordered, diagnostics: diagnostics.slice(0, 1) };
}

function valueFields(card: Card, step: FixtureStep): Set<string> {
  const used = new Set<string>();
  for (const f of step.fields) {
    const src = card.uidFields.find((x) => x.name === f.name)?.source;
    if (src?.kind === 'value') for (const p of src.placeholders) {
      const ref = classifyExpr(p.expr);
      if (ref.ns === 'field') used.add(ref.name);
    }
  }
  return used;
}

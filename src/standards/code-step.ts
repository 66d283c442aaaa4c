import type { CreateStep, FixtureStep } from '../core/plan.js';

/** The UID step a fresh authorization code can be asked of, and where its answer holds the code; or why there is none. */
export type CodeStep = { step: CreateStep; extractFrom: string } | { notRun: string };

const WHY_NOT: Record<Exclude<FixtureStep['kind'], 'create'>, string> = {
  browser: 'the code comes from a browser flow (a person signs in): a fresh code would need the person again',
  value: 'the code is a literal UID value: a fresh code needs a UID create step that asks for one',
  lookup: 'the code comes from a lookup: a fresh code needs a UID create step that asks for one',
};

export const NOT_A_UID_CODE =
  'the code is not from a UID step of the card (written in it, from env or from another card): a fresh code cannot be asked for';

/**
 * The card's UID step that yields the field `name` (the code its exchange sends), when sending it again gives a
 * fresh code: a create step of the card's own (not shared), with nothing to clean up.
 */
export function codeStep(fixtures: readonly FixtureStep[], name: string | undefined): CodeStep {
  const step = name === undefined ? undefined : fixtures.find((s) => s.fields.some((f) => f.name === name));
  if (!step) return { notRun: NOT_A_UID_CODE };
  if (step.kind !== 'create') return { notRun: WHY_NOT[step.kind] };
  if (step.sharedKey) return { notRun: 'the code comes from a shared fixture (create_fresh: false): it is made once' };
  if (step.cleanups.length > 0)
    return { notRun: 'the step that yields the code has a cleanup: a code made by a follow-up would need it too' };
  return { step, extractFrom: step.fields.find((f) => f.name === name)?.extractFrom ?? '' };
}

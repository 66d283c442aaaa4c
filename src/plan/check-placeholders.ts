// The English build only: faker's main entry loads every locale (~0.2 s at each start of the CLI).
import { faker } from '@faker-js/faker/locale/en';
import { NAMED_RESPONSE } from '../card/steps-to-fields.js';
import type { Card, Placeholder, UidField } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { didYouMean } from '../util/did-you-mean.js';
import { classifyExpr, KNOWN_FORMS } from './placeholder-expr.js';

interface Region {
  placeholders: Placeholder[];
  /** `{{response.…}}` is only meaningful in the request's own cleanup. */
  allowResponse: boolean;
}

function stepRegions(f: UidField, browser: boolean): Region[] {
  const s = f.source;
  const out: Placeholder[][] = [];
  if (s.kind === 'external' && s.browser && browser) out.push(s.browser.placeholders);
  if (s.kind === 'create') out.push(s.create.placeholders, s.lookup?.placeholders ?? []);
  if (s.kind === 'lookup') out.push(s.lookup.placeholders);
  if (s.kind === 'value') out.push(s.placeholders);
  if (f.cleanup && s.kind !== 'external') out.push(f.cleanup.placeholders);
  return out.map((placeholders) => ({ placeholders, allowResponse: false }));
}

/** Every placeholder a sent card would evaluate. */
function collectRegions(card: Card, browser: boolean): Region[] {
  const regions = card.uidFields.flatMap((f) => stepRegions(f, browser));
  if (card.request) {
    regions.push({ placeholders: card.request.placeholders, allowResponse: false });
    if (card.request.cleanup) regions.push({ placeholders: card.request.cleanup.placeholders, allowResponse: true });
  }
  if (card.expect) regions.push({ placeholders: card.expect.placeholders, allowResponse: false });
  return regions;
}

export interface PlaceholderCheck {
  diagnostics: Diagnostic[];
  /** Fields only a person can produce that the card needs: it is skipped, unless each has a browser flow and the run drives a browser. */
  external: { placeholder: Placeholder; description: string; browser: boolean }[];
  /** Ids of other cards whose values it uses. */
  cardNeeds: { id: string; placeholder: Placeholder }[];
}

const FAKER_MODULES = Object.keys(faker).filter(
  (k) => !k.startsWith('_') && typeof (faker as unknown as Record<string, unknown>)[k] === 'object',
);

function fakerProblem(module: string, method: string): string | undefined {
  const mod = (faker as unknown as Record<string, Record<string, unknown> | undefined>)[module];
  if (!mod || typeof mod !== 'object' || !FAKER_MODULES.includes(module)) {
    const near = didYouMean(module, FAKER_MODULES);
    return `faker has no module "${module}"${near ? `; did you mean "${near}"?` : ''}`;
  }
  if (typeof mod[method] !== 'function') {
    const methods = Object.keys(mod).filter((k) => typeof mod[k] === 'function' && !k.startsWith('_'));
    const near = didYouMean(method, methods);
    return `faker.${module} has no function "${method}"${near ? `; did you mean "${near}"?` : ''}`;
  }
  return undefined;
}

/** One check of a card's placeholders: what it knows, and where its findings go. */
interface Check {
  card: Card;
  env: Readonly<Record<string, string | undefined>> | undefined;
  knownCards: ReadonlySet<string>;
  /** Names of the card's UID fields. */
  declared: string[];
  result: PlaceholderCheck;
}

/** An error at the placeholder, added to the check's findings. */
function report(c: Check, p: Placeholder, ruleId: string, message: string, hint: string): void {
  c.result.diagnostics.push({
    ruleId,
    severity: 'error',
    file: c.card.file,
    line: p.line,
    column: p.column,
    message,
    hint,
  });
}

/** `{{card.<id>.…}}`: a card of this run, other than this one; recorded as a need. */
function checkCardRef(c: Check, p: Placeholder, id: string): void {
  if (!c.knownCards.has(id)) {
    const near = didYouMean(id, [...c.knownCards]);
    report(
      c,
      p,
      'missing-card',
      `${p.raw} uses card "${id}", which is not among the cards of this run`,
      near
        ? `Did you mean card "${near}"? Card ids are the front-matter id or the file name without extension.`
        : 'Include that card in the run (its folder or file), or fix the id.',
    );
  } else if (id === c.card.id) {
    report(
      c,
      p,
      'chain-cycle',
      `${p.raw}: a card cannot use its own values`,
      'Use {{resolved.<field>}} or {{response.<path>}} inside the card.',
    );
  } else {
    c.result.cardNeeds.push({ id, placeholder: p });
  }
}

/** `{{resolved.<field>}}`: a declared UID field; one only a person can produce is recorded. */
function checkFieldRef(c: Check, p: Placeholder, name: string): void {
  const field = c.card.uidFields.find((f) => f.name === name);
  if (!field) {
    const near = didYouMean(name, c.declared);
    const list = c.declared.length
      ? `this card declares: ${c.declared.join(', ')}`
      : 'this card declares no UID fields';
    report(
      c,
      p,
      'unresolved-placeholder',
      `${p.raw} names no declared UID field; ${list}`,
      near
        ? `Did you mean {{${p.expr.split('.')[0]}.${near}}}? Otherwise declare "${name}" in the UID Resolution section.`
        : `Declare "${name}" in the UID Resolution section, or use one of the declared fields.`,
    );
  } else if (field.source.kind === 'external') {
    c.result.external.push({
      placeholder: p,
      description: field.source.description,
      browser: field.source.browser !== undefined,
    });
  }
}

/** A placeholder of no known form. */
function reportUnknownForm(c: Check, p: Placeholder, expr: string): void {
  const named = NAMED_RESPONSE.exec(expr);
  if (named) {
    report(
      c,
      p,
      'unresolved-placeholder',
      `${p.raw} is not a value cardcheck can resolve: a named request's value is read from the body of a Setup request with that name, as {{${named[1]}.response.body.$.<path>}}`,
      'Name the request that makes the value in a Setup section (# @name account above it), or declare the value as a UID field and write {{resolved.<field>}}.',
    );
    return;
  }
  const near = didYouMean(expr, ['timestamp', 'uuid', ...c.declared.map((d) => `resolved.${d}`)]);
  report(
    c,
    p,
    'unresolved-placeholder',
    `${p.raw} is not a placeholder cardcheck can resolve; known forms: ${KNOWN_FORMS.join(', ')}`,
    near
      ? `Did you mean {{${near}}}?`
      : 'Declare the value as a UID field (use "from_person" if only a person can produce it) and write {{resolved.<field>}}.',
  );
}

function checkPlaceholder(c: Check, p: Placeholder, region: Region): void {
  const ref = classifyExpr(p.expr);
  switch (ref.ns) {
    case 'timestamp':
    case 'uuid':
    case 'pkce':
      break;
    case 'faker': {
      const problem = fakerProblem(ref.module, ref.method);
      if (problem)
        report(
          c,
          p,
          'unknown-function',
          `${p.raw}: ${problem}`,
          'See https://fakerjs.dev/api/ for modules and functions, e.g. {{faker.internet.email}}.',
        );
      break;
    }
    case 'env':
      // Lint runs without the run's environment: env is only checked when it is known.
      if (c.env && c.env[ref.name] === undefined)
        report(
          c,
          p,
          'missing-env',
          `${p.raw} needs the environment variable ${ref.name}, which is not set`,
          `Set ${ref.name} in the environment or in the file given to --env-file.`,
        );
      break;
    case 'response':
      if (!region.allowResponse)
        report(
          c,
          p,
          'unresolved-placeholder',
          `${p.raw} can only be used in the request's "cleanup"`,
          'Use {{resolved.<field>}} for values obtained before the request.',
        );
      break;
    case 'card':
      checkCardRef(c, p, ref.id);
      break;
    case 'field':
      checkFieldRef(c, p, ref.name);
      break;
    default:
      reportUnknownForm(c, p, ref.expr);
  }
}

/**
 * Check every placeholder a sent card would evaluate. Unknown namespaces,
 * functions and fields are errors, found before anything is sent.
 */
export function checkPlaceholders(
  card: Card,
  env: Readonly<Record<string, string | undefined>> | undefined,
  knownCards: ReadonlySet<string>,
  browser = false,
): PlaceholderCheck {
  const c: Check = {
    card,
    env,
    knownCards,
    declared: card.uidFields.map((f) => f.name),
    result: { diagnostics: [], external: [], cardNeeds: [] },
  };
  // Browser flows are checked by lint (no env) and by runs that drive a browser; other runs never evaluate them.
  for (const region of collectRegions(card, browser || env === undefined))
    for (const p of region.placeholders) checkPlaceholder(c, p, region);
  return c.result;
}

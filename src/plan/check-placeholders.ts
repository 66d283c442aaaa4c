import type { Card, Placeholder } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { didYouMean } from '../util/did-you-mean.js';
import { classifyExpr, KNOWN_FORMS } from './placeholder-expr.js';

export interface PlaceholderRegion {
  placeholders: Placeholder[];
  /** `{{response.…}}` is only meaningful in the request's own cleanup. */
  allowResponse: boolean;
}

/** Every placeholder a sent card would evaluate, with `what` it is part of. */
export function collectRegions(card: Card): PlaceholderRegion[] {
  const regions: PlaceholderRegion[] = [];
  for (const f of card.uidFields) {
    if (f.source.kind === 'create') regions.push({ placeholders: f.source.create.placeholders, allowResponse: false });
    if (f.source.kind === 'lookup') regions.push({ placeholders: f.source.lookup.placeholders, allowResponse: false });
    if (f.cleanup && f.source.kind !== 'external') regions.push({ placeholders: f.cleanup.placeholders, allowResponse: false });
  }
  if (card.request) {
    regions.push({ placeholders: card.request.placeholders, allowResponse: false });
    if (card.request.cleanup) regions.push({ placeholders: card.request.cleanup.placeholders, allowResponse: true });
  }
  return regions;
}

/**
 * A placeholder the card cannot resolve is an error for that card, found
 * before anything is sent.
 */
export function checkPlaceholders(card: Card, env: Readonly<Record<string, string | undefined>>): Diagnostic[] {
  const declared = card.uidFields.map((f) => f.name);
  const diagnostics: Diagnostic[] = [];
  const at = (p: Placeholder, ruleId: string, message: string, hint: string): Diagnostic => ({ ruleId, severity: 'error', file: card.file, line: p.line, column: p.column, message, hint });
  for (const region of collectRegions(card)) {
    for (const p of region.placeholders) {
      const ref = classifyExpr(p.expr);
      if (ref.ns === 'timestamp') continue;
      if (ref.ns === 'env') {
        if (env[ref.name] === undefined) diagnostics.push(at(p, 'missing-env', `${p.raw} needs the environment variable ${ref.name}, which is not set`, `Set ${ref.name} in the environment or in the file given to --env-file.`));
        continue;
      }
      if (ref.ns === 'response') {
        if (!region.allowResponse) diagnostics.push(at(p, 'unresolved-placeholder', `${p.raw} can only be used in the request's "cleanup"`, 'Use {{resolved.<field>}} for values obtained before the request.'));
        continue;
      }
      if (ref.ns === 'field') {
        const field = card.uidFields.find((f) => f.name === ref.name);
        if (!field) {
          const near = didYouMean(ref.name, declared);
          const list = declared.length ? `this card declares: ${declared.join(', ')}` : 'this card declares no UID fields';
          diagnostics.push(at(p, 'unresolved-placeholder', `${p.raw} names no declared UID field; ${list}`, near ? `Did you mean {{${p.expr.split('.')[0]}.${near}}}? Otherwise declare "${ref.name}" in the UID Resolution section.` : `Declare "${ref.name}" in the UID Resolution section, or use one of the declared fields.`));
        } else if (field.source.kind === 'external') {
          diagnostics.push(at(p, 'external-value', `${p.raw} comes from "${field.source.description}", which cardcheck cannot obtain by itself`, 'Mark the card `status: skip` with a skipReason, or give the field a create or lookup endpoint.'));
        }
        continue;
      }
      const near = didYouMean(ref.expr, ['timestamp', ...declared.flatMap((d) => [`resolved.${d}`])]);
      diagnostics.push(at(p, 'unresolved-placeholder', `${p.raw} is not a placeholder cardcheck can resolve; known forms: ${KNOWN_FORMS.join(', ')}`, near ? `Did you mean {{${near}}}?` : 'Declare the value as a UID field and write {{resolved.<field>}}.'));
    }
  }
  return diagnostics;
}

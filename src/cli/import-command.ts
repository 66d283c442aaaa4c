import type { DraftOutcome } from '../import/draft-cards.js';
import { draftCards } from '../import/draft-cards.js';
import { lintProject } from '../runner/lint-project.js';
import { loadProject } from '../runner/load-project.js';
import { EXIT } from './exit-code.js';
import { printDiagnostics } from './print-diagnostics.js';
import type { Io } from './run-command.js';

export interface ImportCommandOptions {
  out: string;
  force?: boolean;
  api?: string;
  config?: string;
}

function printOutcome(o: DraftOutcome, io: Io): void {
  const at = 'cardcheck import';
  if (o.kind === 'unreadable') io.stderr(`${at}: ${o.page}: cannot read the file`);
  else if (o.kind === 'no-endpoint')
    io.stderr(
      `${at}: ${o.page}: no endpoint found (no OpenAPI operation, no "METHOD /path", and no method on a line of its own followed by a path or URL)`,
    );
  else if (o.kind === 'exists')
    io.stderr(`${at}: ${o.file} already exists; pass --force to replace it, or --out another folder`);
  else {
    const e = o.endpoint;
    const examples = [...new Set(e.responses.map((r) => r.status))].join(', ');
    const schema = e.expectSchema !== undefined ? `, the ${e.expectStatus} response schema` : '';
    const person = e.needsPerson ? ' (status: skip, a person must act first)' : '';
    io.stdout(
      `${o.page} → ${o.file}: ${e.method} ${e.path}${schema}${examples ? `, examples for ${examples}` : ''}${person}`,
    );
  }
}

/**
 * `cardcheck import <files…>`: draft a card from each vendor documentation
 * page, or from each operation of an OpenAPI document, write them under
 * --out, then lint the drafts so the author sees what is left to fill in.
 * Exit 0 when every file gave cards, 2 when one could not.
 */
export async function importCommand(pages: string[], opts: ImportCommandOptions, io: Io): Promise<number> {
  const outcomes = await draftCards(pages, {
    cwd: io.cwd,
    out: opts.out,
    force: opts.force,
    api: opts.api,
    now: new Date(),
  });
  for (const o of outcomes) printOutcome(o, io);
  const written = outcomes.flatMap((o) => (o.kind === 'written' ? [o.file] : []));
  if (written.length) {
    const project = await loadProject({ cwd: io.cwd, paths: written, configFile: opts.config });
    const diagnostics = lintProject(project).filter((d) => written.includes(d.file));
    printDiagnostics(diagnostics, (file) => project.cards.find((c) => c.file === file)?.text, io.stdout);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const s = (n: number) => (n === 1 ? '' : 's');
    io.stdout(
      `${written.length} card${s(written.length)} drafted in ${opts.out}: ${errors ? `${errors} error${s(errors)} to fix before running (above)` : 'lint-clean'}; review the example values before running`,
    );
  }
  return outcomes.some((o) => o.kind !== 'written') ? EXIT.errored : EXIT.ok;
}

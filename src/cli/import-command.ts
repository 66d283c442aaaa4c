import path from 'node:path';
import { projectPaths } from '../config/project-paths.js';
import type { Config } from '../core/config.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { DraftOutcome } from '../import/draft-cards.js';
import { draftCards } from '../import/draft-cards.js';
import { lintProject } from '../runner/lint-project.js';
import { loadConfig, loadProject } from '../runner/load-project.js';
import { EXIT } from './exit-code.js';
import { printDiagnostics } from './print-diagnostics.js';
import type { Io } from './run-command.js';

export interface ImportCommandOptions {
  /** Where the drafts go; default `specs/imported` beside the config file (the working folder without one). */
  out?: string;
  force?: boolean;
  api?: string;
  config?: string;
}

function printOutcome(o: DraftOutcome, io: Io): void {
  const at = 'cardcheck import';
  if (o.kind === 'unreadable')
    io.stderr(`${at}: ${o.page}: ${o.reason ? `cannot read the URL: ${o.reason}` : 'cannot read the file'}`);
  else if (o.kind === 'unparsable')
    io.stderr(
      `${at}: ${o.page}:${o.line}:${o.column}: an OpenAPI document that is not valid YAML or JSON (${o.message}); fix it there and import again`,
    );
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

/** The profiles the config uses for `api`: its folders' auth, and OAuth profiles naming it. */
function profilesOfApi(config: Config, api: string | undefined): string[] {
  if (!api) return [];
  const names = new Set(Object.values(config.folders).flatMap((f) => (f.api === api && f.auth ? [f.auth] : [])));
  for (const [name, p] of Object.entries(config.profiles))
    if (p.type === 'oauth2-client-credentials' && p.api === api) names.add(name);
  return [...names];
}

/** `N drafts: R runnable, T need values (file:line listed)`, each value to set, and the credentials the drafts read. */
function printSummary(outcomes: DraftOutcome[], diagnostics: Diagnostic[], io: Io): void {
  const written = outcomes.flatMap((o) => (o.kind === 'written' ? [o] : []));
  const broken = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  const needing = written.filter((o) => o.needs.length > 0);
  const runnable = written.filter((o) => !o.needs.length && !broken.has(o.file) && !o.endpoint.needsPerson);
  const others = written.length - runnable.length - needing.length;
  io.stdout(
    `${written.length} draft${written.length === 1 ? '' : 's'}: ${runnable.length} runnable, ${needing.length} need values${needing.length ? ' (file:line listed)' : ''}${others ? `, ${others} with errors or skipped (above)` : ''}`,
  );
  for (const o of needing) for (const n of o.needs) io.stdout(`  ${o.file}:${n.line}  ${n.what}`);
  const servers = new Set(written.flatMap((o) => (o.endpoint.openapi?.server ? [o.endpoint.openapi.server] : [])));
  for (const server of servers)
    io.stdout(
      `The document's base URL: ${server}; run the drafts with --target ${server} (or your own deployment's URL), or name it under targets: in cardcheck.config.yaml.`,
    );
  const credentials = new Map<string, string>();
  const profiles = new Set<string>();
  for (const o of written)
    for (const c of o.endpoint.openapi?.credentials ?? []) {
      credentials.set(c.name, c.scheme);
      profiles.add(c.profile);
    }
  if (!credentials.size) return;
  io.stdout(
    `Credentials from the environment (or --env-file): ${[...credentials].map(([env, scheme]) => `${env} (security scheme ${scheme})`).join(', ')}.`,
  );
  io.stdout(
    'Or as auth profiles: add these under `auth:` in cardcheck.config.yaml, name them in a folder (or the cards), and import again with --api NAME:',
  );
  for (const p of profiles) io.stdout(`  ${p}`);
}

/**
 * `cardcheck import <files…>`: draft a card from each vendor documentation
 * page, or from each operation of an OpenAPI document, write them under
 * --out, then lint the drafts so the author sees what is left to fill in.
 * Exit 0 when every file gave cards, 2 when one could not.
 */
export async function importCommand(pages: string[], opts: ImportCommandOptions, io: Io): Promise<number> {
  const { config } = await loadConfig(io.cwd, opts.config);
  const out = opts.out ?? path.join(projectPaths(io.cwd, opts.config).specs, 'imported').split(path.sep).join('/');
  const outcomes = await draftCards(pages, {
    cwd: io.cwd,
    out,
    force: opts.force,
    api: opts.api,
    now: new Date(),
    profiles: config.file ? config.profiles : {},
    apiProfiles: profilesOfApi(config, opts.api),
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
      `${written.length} card${s(written.length)} drafted in ${out}: ${errors ? `${errors} error${s(errors)} to fix before running (above)` : 'lint-clean'}; review the example values before running`,
    );
    printSummary(outcomes, diagnostics, io);
  }
  return outcomes.some((o) => o.kind !== 'written') ? EXIT.errored : EXIT.ok;
}

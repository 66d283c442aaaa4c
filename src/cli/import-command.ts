import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { lintProject } from '../api/lint-project.js';
import { loadProject } from '../api/load-project.js';
import { decodeSource } from '../core/source.js';
import { readOpenApi } from '../import/openapi.js';
import type { VendorEndpoint } from '../import/vendor-page.js';
import { readVendorPage } from '../import/vendor-page.js';
import { writeCard } from '../import/write-card.js';
import { printDiagnostics } from './print-diagnostics.js';
import type { Io } from './run-command.js';

export interface ImportCommandOptions {
  out: string;
  force?: boolean;
  api?: string;
  config?: string;
}

/** `Issue access token` → `issue-access-token` */
const slug = (title: string) =>
  title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'endpoint';

/**
 * `cardcheck import <pages…>`: draft a card from each vendor documentation
 * page, write it under --out, then lint the drafts so the author sees what is
 * left to fill in. Exit 0 when every page became a card, 2 when one could not.
 */
/** The endpoints a file describes: every operation of an OpenAPI document, or the one endpoint of a vendor page. */
function endpointsOf(text: string, file: string): VendorEndpoint[] | undefined {
  if (/\.(ya?ml|json)$/i.test(file) || /^\s*(\{|openapi\s*:|swagger\s*:)/.test(text)) {
    let doc: unknown;
    try {
      doc = parseYaml(text);
    } catch {
      doc = undefined;
    }
    const operations = readOpenApi(doc);
    if (operations) return operations;
  }
  const page = readVendorPage(text);
  return page ? [page] : undefined;
}

/**
 * `cardcheck import <files…>`: draft a card from each vendor documentation
 * page, or from each operation of an OpenAPI document, write them under
 * --out, then lint the drafts so the author sees what is left to fill in.
 * Exit 0 when every file gave cards, 2 when one could not.
 */
export async function importCommand(pages: string[], opts: ImportCommandOptions, io: Io): Promise<number> {
  const written: string[] = [];
  let failed = 0;
  const today = new Date().toISOString();
  for (const page of pages) {
    let text: string;
    try {
      // BOM and CRLF handled as for cards.
      text = decodeSource(await readFile(path.resolve(io.cwd, page))).text;
    } catch {
      io.stderr(`cardcheck import: ${page}: cannot read the file`);
      failed++;
      continue;
    }
    const endpoints = endpointsOf(text, page);
    if (!endpoints?.length) {
      io.stderr(
        `cardcheck import: ${page}: no endpoint found (no OpenAPI operation, no "METHOD /path", and no method on a line of its own followed by a path or URL)`,
      );
      failed++;
      continue;
    }
    const shownPage = path.relative(io.cwd, path.resolve(io.cwd, page)).split(path.sep).join('/');
    for (const endpoint of endpoints) {
      const name = slug(endpoint.id ?? endpoint.title);
      const fileFor = (suffix: string) => path.join(opts.out, `${name}${suffix}.md`).split(path.sep).join('/');
      let file = fileFor('');
      // Two operations with one name in this import: number the later ones.
      for (let n = 2; written.includes(file); n++) file = fileFor(`-${n}`);
      const abs = path.resolve(io.cwd, file);
      if (existsSync(abs) && !opts.force) {
        io.stderr(`cardcheck import: ${file} already exists; pass --force to replace it, or --out another folder`);
        failed++;
        continue;
      }
      await mkdir(path.dirname(abs), { recursive: true });
      await writeFile(abs, writeCard(endpoint, shownPage, today, opts.api));
      const examples = [...new Set(endpoint.responses.map((r) => r.status))].join(', ');
      const schema = endpoint.expectSchema !== undefined ? `, the ${endpoint.expectStatus} response schema` : '';
      io.stdout(
        `${page} → ${file}: ${endpoint.method} ${endpoint.path}${schema}${examples ? `, examples for ${examples}` : ''}${endpoint.needsPerson ? ' (status: skip, a person must act first)' : ''}`,
      );
      written.push(file);
    }
  }
  if (written.length) {
    const project = await loadProject({ cwd: io.cwd, paths: written, configFile: opts.config });
    const diagnostics = lintProject(project).filter((d) => written.includes(d.file));
    printDiagnostics(diagnostics, (file) => project.cards.find((c) => c.file === file)?.text, io.stdout);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    io.stdout(
      `${written.length} card${written.length === 1 ? '' : 's'} drafted in ${opts.out}: ${errors ? `${errors} error${errors === 1 ? '' : 's'} to fix before running (above)` : 'lint-clean'}; review the example values before running`,
    );
  }
  return failed ? 2 : 0;
}

import type { RequestSpec, UidField } from '../core/card.js';
import { findEndpointRef } from './endpoint-ref.js';
import type { TableRow } from './markdown.js';
import { findPlaceholders } from './placeholders.js';
import { requestFromEndpoint } from './request-spec.js';

const unquote = (s: string) => s.replace(/`/g, '').trim();

interface Columns {
  name: number;
  source: number;
  lookup: number;
  extract: number;
  create: number;
  cleanup: number;
  notes: number;
}

/** Both table shapes the seeds use: `UID Field | GET Endpoint | Extract From | Create Fresh | Cleanup` and `Field | Source | Notes`. */
export function isUidTable(header: TableRow): boolean {
  return header.cells.some((c) => /^(uid\s+)?field$/i.test(c.trim()));
}

function columns(header: TableRow): Columns {
  const find = (re: RegExp) => header.cells.findIndex((c) => re.test(c.trim()));
  return {
    name: find(/^(uid\s+)?field$/i),
    source: find(/^source$/i),
    lookup: find(/^get endpoint$|lookup/i),
    extract: find(/extract/i),
    create: find(/create/i),
    cleanup: find(/cleanup/i),
    notes: find(/^notes?$/i),
  };
}

function step(cell: string, line: number): RequestSpec | undefined {
  const endpoint = findEndpointRef(cell, line);
  return endpoint ? requestFromEndpoint(endpoint, findPlaceholders(cell, line)) : undefined;
}

function isChecked(cell: string): boolean {
  return /✓|✔|\byes\b|\btrue\b/i.test(cell);
}

export function parseUidTable(header: TableRow, rows: TableRow[]): UidField[] {
  const col = columns(header);
  const fields: UidField[] = [];
  for (const row of rows) {
    const cell = (i: number) => (i >= 0 ? (row.cells[i] ?? '') : '');
    const name = unquote(cell(col.name));
    if (!name) continue;
    // Fields are written out, not spread from a base object: `{ ...base, x }` gives
    // every object its own hidden class in V8, which made parse and lint slow.
    const line = row.line;
    const notes = unquote(cell(col.notes)) || undefined;
    if (col.source >= 0) {
      // `POST /platform/v1/apps` → `data.client_id`
      const source = cell(col.source);
      const [where = '', extract = ''] = source.split(/→|->/);
      const s = step(where, row.line);
      if (s && extract.trim()) {
        fields.push({
          name,
          line,
          column: 1,
          notes,
          source:
            s.method === 'GET'
              ? { kind: 'lookup', lookup: s, extractFrom: unquote(extract) }
              : { kind: 'create', create: s, extractFrom: unquote(extract), fresh: true },
        });
      } else {
        fields.push({ name, line, column: 1, notes, source: { kind: 'external', description: unquote(source) } });
      }
      continue;
    }
    const extractFrom = unquote(cell(col.extract));
    const create = isChecked(cell(col.create)) ? step(cell(col.create), row.line) : undefined;
    const lookup = step(cell(col.lookup), row.line);
    const cleanupCell = cell(col.cleanup);
    const cleanup = step(cleanupCell, row.line);
    const cleanupNote = cleanup ? undefined : unquote(cleanupCell) || undefined;
    const source: UidField['source'] =
      create && extractFrom
        ? { kind: 'create', create, extractFrom, fresh: true }
        : lookup && extractFrom
          ? { kind: 'lookup', lookup, extractFrom }
          : { kind: 'external', description: unquote(cell(col.lookup)) || 'not stated' };
    fields.push({ name, line, column: 1, notes, source, cleanup, cleanupNote });
  }
  return fields;
}

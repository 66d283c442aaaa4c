import type { Assertion } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { fieldPath, TYPES } from './bullet-phrases.js';
import type { TableRow } from './markdown.js';
import { unreadable } from './unreadable.js';

/**
 * A Contract table under an expectation heading: `| field | type |`, one
 * `type` assertion per row (`data[].client_id | string` is a check of every
 * item of `data`). A table with other columns is refused at its header, a row
 * whose field or type cardcheck does not read at that cell.
 */

const HINT = `Write a \`| field | type |\` table, one row per field: a path (\`data.id\`, \`data[].client_id\`) and one of ${TYPES.join(', ')}.`;

/** The 1-based column where each cell's text starts in a table row as written (cells as splitRow cuts them). */
export function cellColumns(raw: string): number[] {
  const columns: number[] = [];
  let i = raw.search(/\S/);
  if (raw[i] === '|') i++;
  let inCode = false;
  let start = i;
  for (; i <= raw.length; i++) {
    const ch = raw[i];
    if (ch === '`') inCode = !inCode;
    if (i === raw.length || (ch === '|' && !inCode && raw[i - 1] !== '\\')) {
      const lead = raw.slice(start, i).search(/\S/);
      columns.push(start + Math.max(lead, 0) + 1);
      start = i + 1;
    }
  }
  return columns;
}

const clean = (cell: string | undefined) => (cell ?? '').replace(/^`|`$/g, '').trim();

/**
 * The checks of a Contract table, or its refusals: `lineText(n)` gives line n
 * of the card as written, for the columns the refusals point at.
 */
export function readContractTable(
  table: { header: TableRow; rows: TableRow[] },
  file: string,
  lineText: (line: number) => string,
  diagnostics: Diagnostic[],
): Assertion[] {
  const names = table.header.cells.map((c) => clean(c).toLowerCase());
  const headerColumns = cellColumns(lineText(table.header.line));
  const unknown = names.findIndex((n) => n !== 'field' && n !== 'type');
  if (unknown >= 0 || names.join() !== 'field,type') {
    const at = { line: table.header.line, column: headerColumns[Math.max(unknown, 0)] ?? 1 };
    const what = unknown >= 0 ? `a column "${table.header.cells[unknown]}"` : `the columns ${names.join(', ')}`;
    diagnostics.push(unreadable(file, at, `this Contract table has ${what}, which cardcheck does not read`, HINT));
    return [];
  }
  const out: Assertion[] = [];
  for (const row of table.rows) {
    const columns = cellColumns(lineText(row.line));
    const field = fieldPath(clean(row.cells[0]));
    const type = clean(row.cells[1]).toLowerCase();
    const refuse = (cell: 0 | 1, message: string) =>
      diagnostics.push(unreadable(file, { line: row.line, column: columns[cell] ?? 1 }, message, HINT));
    if (!field) refuse(0, `cardcheck does not read the field "${clean(row.cells[0])}" of this row as a path`);
    else if (!TYPES.includes(type))
      refuse(1, `"${clean(row.cells[1])}" is not a type cardcheck checks, so nothing would check this row`);
    else {
      const target = { kind: 'body' as const, path: field.path };
      out.push({
        target,
        op: 'type',
        value: type,
        ...(field.each ? { each: field.each } : {}),
        line: row.line,
        column: columns[1] ?? 1,
      });
    }
  }
  return out;
}

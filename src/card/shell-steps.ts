import type { SavedValue, SetupStep } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { SourceFile } from '../core/source.js';
import { parseCurlRequest } from './curl-request.js';
import { unreadable } from './unreadable.js';

/**
 * Setup and teardown steps written as shell, as teams paste them from runbooks:
 * - `curl …` sends a request;
 * - `APP_ID=$(curl … | jq -r '.application._id')` sends it and saves `application._id` as APP_ID, which later
 *   commands and the card's request use as `$APP_ID` / `${APP_ID}`;
 * - `APP_ID=$(echo "$RESPONSE" | jq -r '.application._id')` names a value of the response under test (a teardown
 *   deleting what the request created).
 * Nothing is run: each command is read as curl-request.ts reads one, and anything else is refused at its line.
 */
export interface ShellSteps {
  steps: SetupStep[];
  /** Names given to values of the response under test (`$RESPONSE`), with their paths. */
  responseValues: SavedValue[];
  diagnostics: Diagnostic[];
}

const ASSIGN = /^(\s*(?:export\s+)?)([A-Za-z_]\w*)=\$\(/;
const RESPONSE_ECHO = /^\s*(?:echo|printf\s+'%s')\s+"?\$\{?RESPONSE\}?"?\s*\|\s*jq\b/;
const JQ = /\|\s*jq\s+(?:-[a-zA-Z]+\s+)*(?:'([^']*)'|"([^"]*)"|([^\s')|]+))\s*$/;
const JQ_PATH = /^\.(?:[A-Za-z_]\w*|\[\d+\])(?:\.[A-Za-z_]\w*|\[\d+\])*$/;
const HINT =
  "Write one command per step: curl …, NAME=$(curl … | jq -r '.path'), or NAME=$(echo \"$RESPONSE\" | jq -r '.path') in a teardown.";

/** The commands of a block: [start, end) offsets, a command running on over `\` line ends, open quotes and `$(`. */
function commands(s: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let quote = '';
  let depth = 0;
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const c = s[i] ?? '\n';
    if (start < 0) {
      if (/\s/.test(c)) continue;
      if (c === '#') {
        i = s.indexOf('\n', i);
        if (i < 0) break;
        continue;
      }
      start = i;
    }
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
    else if (c === '$' && s[i + 1] === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (c === '\n' && depth === 0 && !/(\||&&)\s*$/.test(s.slice(start, i))) {
      out.push({ start, end: i });
      start = -1;
    }
  }
  if (start >= 0) out.push({ start, end: s.length });
  return out;
}

/** `s` with everything outside [start, end) blanked, line ends kept: positions read in it are the block's. */
function only(s: string, start: number, end: number): string {
  const blank = (t: string) => t.replace(/[^\n]/g, ' ');
  return blank(s.slice(0, start)) + s.slice(start, end) + blank(s.slice(end));
}

/** The dot path of a jq filter such as `.application._id` or `.items[0].id`. */
function jqPath(filter: string): string | undefined {
  if (!JQ_PATH.test(filter)) return undefined;
  return filter.slice(1).replace(/^\[/, '[');
}

export function readShellSteps(content: string, contentLine: number, file: string): ShellSteps {
  const out: ShellSteps = { steps: [], responseValues: [], diagnostics: [] };
  const src = new SourceFile(file, content, { line: contentLine, column: 1 });
  for (const { start, end } of commands(content)) {
    const text = content.slice(start, end);
    const at = src.positionAt(start);
    const assign = ASSIGN.exec(text);
    if (!assign) {
      readCurl(only(content, start, end), contentLine, file, out, undefined);
      continue;
    }
    const name = assign[2] as string;
    const close = text.lastIndexOf(')');
    const inner = text.slice(assign[0].length, close);
    const jq = JQ.exec(inner);
    const path = jq ? jqPath(jq[1] ?? jq[2] ?? jq[3] ?? '') : undefined;
    if (!jq || path === undefined) {
      const filter = jq ? (jq[1] ?? jq[2] ?? jq[3] ?? '') : '';
      const why = jq ? `the jq filter "${filter}" is not a plain path` : 'it does not end in | jq';
      const where = jq ? src.positionAt(start + assign[0].length + jq.index + jq[0].indexOf(filter)) : at;
      out.diagnostics.push(
        unreadable(file, where, `cardcheck cannot tell what ${name} holds: ${why}`, HINT, 'unreadable-request'),
      );
      continue;
    }
    const saved: SavedValue = { name, path, ...at };
    if (RESPONSE_ECHO.test(inner)) {
      out.responseValues.push(saved);
      continue;
    }
    // The curl command alone, at the columns it was written at: the assignment and the closing ) blanked.
    const masked = only(content, start + assign[0].length, start + close);
    readCurl(masked, contentLine, file, out, saved);
  }
  return out;
}

function readCurl(masked: string, contentLine: number, file: string, out: ShellSteps, saved?: SavedValue): void {
  const parsed = parseCurlRequest(masked, contentLine, file);
  out.diagnostics.push(...parsed.diagnostics);
  if (!parsed.request) return;
  const { line, column } = parsed.request;
  out.steps.push({ request: parsed.request, expectStatus: [], saves: saved ? [saved] : [], line, column });
}

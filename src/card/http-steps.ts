import type { SetupStep } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { parseHttpRequest } from './http-message.js';

/**
 * Setup and teardown steps written as `.http` files write them: requests separated by `###` lines, a request named
 * by a `# @name account` comment above it (REST Client, JetBrains), whose response later requests read as
 * `{{account.response.body.$.client_id}}` (card/steps-to-fields.ts turns those into saved values).
 */
const NAME = /^\s*(?:#|\/\/)\s*@name\s+([A-Za-z_][\w-]*)\s*$/;

export function readHttpSteps(
  content: string,
  contentLine: number,
  file: string,
): { steps: SetupStep[]; diagnostics: Diagnostic[] } {
  const lines = content.split('\n');
  const steps: SetupStep[] = [];
  const diagnostics: Diagnostic[] = [];
  let from = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && !(lines[i] as string).startsWith('###')) continue;
    // This request's lines only; the others blank, so that lines keep their numbers.
    const masked = lines.map((l, k) => (k >= from && k < i ? l : '')).join('\n');
    from = i + 1;
    if (!/\S/.test(masked.replace(/^\s*(?:#|\/\/).*$/gm, ''))) continue;
    const parsed = parseHttpRequest(masked, contentLine, file);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.request) continue;
    const name = masked
      .split('\n')
      .map((l) => NAME.exec(l)?.[1])
      .find(Boolean);
    const { line, column } = parsed.request;
    steps.push({ request: parsed.request, expectStatus: [], saves: [], name, line, column });
  }
  return { steps, diagnostics };
}

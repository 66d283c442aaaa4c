import { appendFileSync } from 'node:fs';

/** Module resolution hook: append each resolved URL to the trace file. */
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  const file = process.env.CARDCHECK_TRACE_MODULES;
  if (file) appendFileSync(file, `${resolved.url}\n`);
  return resolved;
}

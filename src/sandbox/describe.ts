import type { ContractBreak } from './breaks/contract-break.js';
import type { FaultOptions } from './faults/fault-options.js';
import type { Sandbox } from './server.js';

/** One line per break: `name  METHOD /api/route  kind: [rule (clause): ]what it breaks`, columns aligned. */
export function formatBreakList(breaks: readonly ContractBreak[]): string[] {
  const rows = breaks.map((b) => {
    const [method = '', path = ''] = b.route.split(' ');
    // A standards break names the rule and clause it violates: `standard: token-no-store (RFC 6749 §5.1): …`.
    const what = `${b.kind}: ${b.rule ? `${b.rule.id} (${b.rule.clause}): ` : ''}${b.description}`;
    return [b.name, `${method} /${b.api}${path}`, what] as const;
  });
  const w0 = Math.max(0, ...rows.map((r) => r[0].length));
  const w1 = Math.max(0, ...rows.map((r) => r[1].length));
  return rows.map(([name, route, what]) => `${name.padEnd(w0)}  ${route.padEnd(w1)}  ${what}`);
}

function describeFaults(f: FaultOptions): string {
  const parts: string[] = [];
  if (f.latencyMs) parts.push(`latency ${f.latencyMs} ms`);
  if (f.errorRate) parts.push(`503 on ${f.errorRate * 100}%`);
  if (f.badGatewayRate) parts.push(`502 on ${f.badGatewayRate * 100}%`);
  if (f.resetRate) parts.push(`reset on ${f.resetRate * 100}%`);
  if (f.rateLimitBurst)
    parts.push(`429 on the last ${f.rateLimitBurst.length} of every ${f.rateLimitBurst.every} requests`);
  if (f.slowBodyMs) parts.push(`bodies spread over ${f.slowBodyMs} ms`);
  if (parts.length > 0) parts.push(`seed ${f.seed ?? 1}`);
  return parts.length > 0 ? parts.join(', ') : 'none (per request: x-sandbox-fault header)';
}

/** What `cardcheck sandbox` prints once it listens: base URLs, breaks, faults, credentials as env lines. */
export function describeSandbox(sandbox: Sandbox, faults: FaultOptions = {}): string[] {
  const apis = Object.entries(sandbox.apis).map(([name, url]) => `  ${name.padEnd(11)} ${url}`);
  return [
    ...(sandbox.loopbackOnly
      ? [`cardcheck sandbox listening on ${sandbox.origin}`]
      : [
          `cardcheck sandbox listening on ${sandbox.bound} (beyond loopback)`,
          `  ${'this machine'.padEnd(11)} ${sandbox.origin}`,
        ]),
    ...apis,
    `  ${'openapi'.padEnd(11)} each API's OpenAPI description at its URL + /openapi.json`,
    `  ${'stats'.padEnd(11)} ${sandbox.origin}/__sandbox/stats`,
    `breaks: ${sandbox.breaks.length > 0 ? sandbox.breaks.join(', ') : 'none'}`,
    `faults: ${describeFaults(faults)}`,
    '',
    '# sandbox-only throwaway credentials, new on every start',
    ...Object.entries(sandbox.env).map(([k, v]) => `${k}=${v}`),
    '',
    'Press Ctrl+C to stop.',
  ];
}

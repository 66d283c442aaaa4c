/** The faults one request gets. */
export interface RequestFaults {
  /** Answer with this status (and the API's documented body for it) before processing. */
  status?: number;
  /** Reset the connection before processing. */
  reset?: boolean;
  latencyMs?: number;
  slowBodyMs?: number;
  /** Retry-After for an injected 429 or 503, in ms. */
  retryAfterMs?: number;
}

export const FAULT_HEADER = 'x-sandbox-fault';

export const FAULT_HEADER_SYNTAX =
  'status=<400-599> | reset | latency=<ms> | slow-body=<ms> | retry-after=<ms>, comma-separated';

const MS_KEYS: Record<string, 'latencyMs' | 'slowBodyMs' | 'retryAfterMs'> = {
  latency: 'latencyMs',
  'slow-body': 'slowBodyMs',
  'retry-after': 'retryAfterMs',
};

/**
 * Parses `x-sandbox-fault`, e.g. `status=503`, `reset`, `latency=200,slow-body=500`.
 * @returns the faults, or a message saying what is wrong with the header.
 */
export function parseFaultHeader(value: string): { faults: RequestFaults } | { error: string } {
  const faults: RequestFaults = {};
  for (const raw of value.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const [key = '', arg] = item.split('=').map((s) => s.trim());
    const n = arg !== undefined && /^\d+$/.test(arg) ? Number(arg) : undefined;
    const msKey = Object.hasOwn(MS_KEYS, key) ? MS_KEYS[key] : undefined;
    if (key === 'reset' && arg === undefined) faults.reset = true;
    else if (key === 'status' && n !== undefined && n >= 400 && n <= 599) faults.status = n;
    else if (msKey && n !== undefined) faults[msKey] = n;
    else return { error: `cannot read "${item}" in ${FAULT_HEADER}; use ${FAULT_HEADER_SYNTAX}` };
  }
  if (faults.reset && faults.status)
    return { error: `${FAULT_HEADER} asks for both reset and status=${faults.status}; pick one` };
  return { faults };
}

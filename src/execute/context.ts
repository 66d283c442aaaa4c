import type { RunEvent } from '../core/result.js';
import type { HttpClient } from '../http/client.js';

/** Everything a card execution needs from the run, in one object. */
export interface ExecuteContext {
  http: HttpClient;
  env: Readonly<Record<string, string | undefined>>;
  nextTimestamp: () => number;
  onEvent: (event: RunEvent) => void;
}

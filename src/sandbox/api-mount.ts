/** What the server needs to know about each mounted API, beyond its routes. */
export interface ApiMount {
  name: ApiName;
  /** Path prefix, e.g. `/youhodler`. */
  prefix: string;
  /**
   * The API's own documented body for an injected fault status, or undefined when it
   * documents none (the sandbox then sends a generic body).
   */
  faultBody(status: number, retryAfterMs: number): unknown;
}

export type ApiName = 'vcita' | 'rocketchat' | 'youhodler' | 'oauth';

export const API_NAMES: readonly ApiName[] = ['vcita', 'rocketchat', 'youhodler', 'oauth'];

/** How the sandbox waits (latency, slow bodies); injectable so tests never really wait. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

import type { Clock } from '../../clock.js';
import type { SandboxStats } from '../../stats.js';
import type { TokenSigner } from '../../tokens.js';
import type { VcitaState } from './state.js';

export interface VcitaOptions {
  /** Bearer token the apps endpoints require. */
  directoryToken: string;
  /** Authorization codes expire after this long. @default 60000 */
  codeTtlMs: number;
  /** Refresh tokens expire after this long. @default 1209600000 (14 days) */
  refreshTokenTtlMs: number;
  /** The one user of the consent page. */
  user: { username: string; password: string };
}

export interface VcitaContext extends VcitaOptions {
  state: VcitaState;
  stats: SandboxStats;
  clock: Clock;
  signer: TokenSigner;
}

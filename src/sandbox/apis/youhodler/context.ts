import type { Clock } from '../../clock.js';
import type { SandboxStats } from '../../stats.js';
import type { TokenSigner } from '../../tokens.js';
import type { IdempotencyStore } from './idempotency.js';
import type { SlidingWindowLimiter } from './rate-limiter.js';
import type { YouhodlerState } from './state.js';

export interface YouhodlerOptions {
  /** Bearer token the service-account endpoints require. @default random per start */
  adminToken: string;
  /** Token requests allowed per client per minute, unless the account sets its own. @default 60 */
  tokenRateLimitPerMinute: number;
  /** How long an Idempotency-Key is remembered. @default 86400000 (24 h) */
  idempotencyTtlMs: number;
}

export interface YouhodlerContext extends YouhodlerOptions {
  state: YouhodlerState;
  stats: SandboxStats;
  clock: Clock;
  signer: TokenSigner;
  limiter: SlidingWindowLimiter;
  idempotency: IdempotencyStore;
}

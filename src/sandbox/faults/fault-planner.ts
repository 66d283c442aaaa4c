import { seededRandom } from '../../util/seeded-random.js';
import type { RequestFaults } from './fault-header.js';
import type { FaultOptions } from './fault-options.js';

/** Decides, request by request, which faults to inject. */
export class FaultPlanner {
  private readonly random: () => number;
  private served = 0;

  constructor(private readonly options: FaultOptions) {
    this.random = seededRandom(options.seed ?? 1);
  }

  /**
   * The faults for the next request. A request that names its own faults (header) gets
   * exactly those; it still takes its turn in the sequence, so adding a header to one
   * request does not shift the faults of the others.
   */
  next(requested: RequestFaults | undefined): RequestFaults {
    const n = this.served++;
    const draw = this.random();
    if (requested) return requested;
    const o = this.options;
    const planned: RequestFaults = {};
    if (o.latencyMs) planned.latencyMs = o.latencyMs;
    if (o.slowBodyMs) planned.slowBodyMs = o.slowBodyMs;
    const burst = o.rateLimitBurst;
    const reset = o.resetRate ?? 0;
    const unavailable = reset + (o.errorRate ?? 0);
    const badGateway = unavailable + (o.badGatewayRate ?? 0);
    if (burst && n % burst.every >= burst.every - burst.length) planned.status = 429;
    else if (draw < reset) planned.reset = true;
    else if (draw < unavailable) planned.status = 503;
    else if (draw < badGateway) planned.status = 502;
    return planned;
  }
}

import type { RequestSpec } from '../core/card.js';
import type { RequestRecord } from '../core/result.js';
import { buildRequest } from './build-request.js';
import type { LedgerEntry, RunCleanup } from './cleanup-ledger.js';
import type { ExecuteContext } from './context.js';
import { createBuiltSender, is2xx, requestIdentity } from './sender.js';

/** Runs a ledger entry's cleanup; a 4xx counts as done only when the run already sent that very request successfully. */
export function createCleanupRunner(ctx: ExecuteContext, requests: RequestRecord[]): RunCleanup {
  const sendBuilt = createBuiltSender(ctx, requests);
  return async (entry: LedgerEntry, cleanup: RequestSpec): Promise<string | undefined> => {
    try {
      const req = await buildRequest(cleanup, entry.scope, ctx.services, { auth: entry.auth, api: entry.api });
      const alreadyDone = ctx.state.succeeded.has(requests, requestIdentity(req));
      const res = await sendBuilt('cleanup', req, { resendable: true, cleanup: true });
      if (entry.field === 'response') entry.id = req.path;
      // The very same request already succeeded in this run (a delete card): a 4xx now means it is gone.
      return is2xx(res.status) || (alreadyDone && res.status >= 400 && res.status < 500)
        ? undefined
        : `answered ${res.status}`;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  };
}

import type { Faker } from '@faker-js/faker';
import type { RunnablePlan } from '../core/plan.js';
import type { RequestRecord } from '../core/result.js';
import type { HttpRequest } from '../http/client.js';
import type { RenderScope } from '../plan/render.js';
import { createCardFaker } from './card-seed.js';
import { CleanupLedger } from './cleanup-ledger.js';
import type { ExecuteContext } from './context.js';
import { newPkce } from './pkce.js';
import type { Sender } from './sender.js';
import { createSender } from './sender.js';

/** One try of a runnable card, as each of its steps sees it. */
export interface Attempt {
  plan: RunnablePlan;
  ctx: ExecuteContext;
  /** What placeholders take in this try: one timestamp, the card's faker, the fields resolved so far. */
  scope: RenderScope;
  /** UID field values, filled as fixture steps resolve; the scope's `fields`. */
  fields: Map<string, unknown>;
  /** Every request of this try, in order, as its result records them. */
  requests: RequestRecord[];
  /** Renders, sends and records one of the card's requests. */
  send: Sender;
  /** What this try created, undone when it ends (at the end of the run when other cards need the card). */
  ledger: CleanupLedger;
  /** The card's own request as sent (rendered, auth added), once it is: what the standards packs look at. */
  sent?: HttpRequest;
}

/** Values placeholders take during one try of the card. */
function renderScope(plan: RunnablePlan, ctx: ExecuteContext, fields: Map<string, unknown>): RenderScope {
  // The card's faker is made when a placeholder first asks for it: most cards use none, and making one costs more than a request.
  let faker: Faker | undefined;
  let pkce: RenderScope['pkce'];
  return {
    timestamp: ctx.state.nextTimestamp(),
    get faker() {
      faker ??= createCardFaker(ctx.settings.seed, plan.id);
      return faker;
    },
    // One proof key per card execution; the verifier proves the code exchange, so it is a secret.
    get pkce() {
      if (!pkce) {
        pkce = newPkce();
        ctx.services.redactor.add(pkce.verifier);
      }
      return pkce;
    },
    fields,
    env: ctx.settings.env,
    cards: ctx.state.outputs,
  };
}

/** A new try of the card: its own scope (and timestamp), no request yet, an empty ledger. */
export function startAttempt(plan: RunnablePlan, ctx: ExecuteContext): Attempt {
  const fields = new Map<string, unknown>();
  const scope = renderScope(plan, ctx, fields);
  const requests: RequestRecord[] = [];
  const maxBodyBytes = plan.card.frontMatter.maxBodyBytes;
  // Called when a request is built, after `attempt` exists.
  const onBuilt = (label: string, req: HttpRequest) => {
    if (label === 'request') attempt.sent = req;
  };
  const send = createSender(ctx, requests, { auth: plan.auth, api: plan.api, maxBodyBytes, onBuilt });
  const attempt: Attempt = { plan, ctx, scope, fields, requests, send, ledger: new CleanupLedger() };
  return attempt;
}

/** What every ledger entry of this try starts with: the card, the scope its cleanup renders with, auth and API. */
export function entryBase(attempt: Attempt) {
  const { plan } = attempt;
  return { file: plan.file, scope: attempt.scope, auth: plan.auth, api: plan.api };
}

/** The step's field names, for labels and messages. */
export const fieldNames = (step: { fields: { name: string }[] }) => step.fields.map((f) => f.name).join(', ');

import type { FastifyInstance } from 'fastify';
import { bodyRecord, str } from '../../client-credentials.js';
import { hashSecret } from '../../secrets.js';
import { loggedInUser, requirePermission } from './auth.js';
import type { RocketchatContext } from './context.js';
import { MANAGE_OAUTH_APPS } from './context.js';
import { meteorId, meteorSecret, objectId } from './ids.js';
import { appNotFound, invalidParams } from './responses.js';
import type { OauthApp } from './state.js';
import { publicApp } from './state.js';
import { validateCreateBody } from './validate.js';

export const KIND = 'rocketchat-app';

/** The oauth-apps.* endpoints of Rocket.Chat's REST API v1. */
export function registerOauthAppsRoutes(app: FastifyInstance, ctx: RocketchatContext): void {
  const preHandler = requirePermission(ctx, MANAGE_OAUTH_APPS);

  app.post('/api/v1/oauth-apps.create', { preHandler }, async (req, reply) => {
    const problem = validateCreateBody(req.body);
    if (problem) return invalidParams(reply, problem);
    const b = bodyRecord(req.body);
    const user = loggedInUser(ctx, req);
    const clientSecret = ctx.stats.issue(meteorSecret());
    const now = new Date(ctx.clock()).toISOString();
    const created: OauthApp = {
      name: String(b.name),
      redirectUri: String(b.redirectUri),
      active: b.active === true,
      clientId: meteorId(),
      secretDigest: hashSecret(clientSecret),
      _createdAt: now,
      _updatedAt: now,
      _createdBy: { _id: user?._id ?? '', username: user?.username ?? '' },
      _id: objectId(),
    };
    ctx.state.apps.set(created._id, created);
    ctx.stats.created(KIND, created._id);
    // Key order as in seed 002; the secret is shown here and nowhere else.
    const { name, redirectUri, active, clientId, _createdAt, _updatedAt, _createdBy, _id } = created;
    return {
      application: { name, redirectUri, active, clientId, clientSecret, _createdAt, _updatedAt, _createdBy, _id },
      success: true,
    };
  });

  app.get('/api/v1/oauth-apps.get', { preHandler }, async (req, reply) => {
    const q = bodyRecord(req.query);
    const appId = str(q.appId) ?? str(q._id);
    const clientId = str(q.clientId);
    if (!appId && !clientId) return invalidParams(reply, "must have required property 'appId'");
    const found = appId ? ctx.state.apps.get(appId) : ctx.state.appByClientId(clientId ?? '');
    return found ? { oauthApp: publicApp(found), success: true } : appNotFound(reply);
  });

  app.get('/api/v1/oauth-apps.list', { preHandler }, async () => ({
    oauthApps: [...ctx.state.apps.values()].map(publicApp),
    success: true,
  }));

  app.post('/api/v1/oauth-apps.delete', { preHandler }, async (req, reply) => {
    const appId = str(bodyRecord(req.body).appId);
    if (!appId) return invalidParams(reply, "must have required property 'appId'");
    if (!ctx.state.apps.delete(appId)) return appNotFound(reply);
    ctx.stats.removed(KIND, appId);
    return { success: true };
  });
}

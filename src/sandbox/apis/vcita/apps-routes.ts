import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashSecret, newSecret } from '../../secrets.js';
import type { VcitaContext } from './context.js';
import { publicApp } from './state.js';

const APP_TYPES = ['internal', 'public', 'private'];

function fail(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ success: false, error: { code, message } });
}

/** Bearer directory token on every apps endpoint. */
function requireDirectoryToken(ctx: VcitaContext) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const auth = req.headers.authorization ?? '';
    if (auth !== `Bearer ${ctx.directoryToken}`) {
      return fail(
        reply,
        401,
        'unauthorized',
        auth ? 'The directory token is not valid.' : 'A directory token is required (Authorization: Bearer …).',
      );
    }
    return undefined;
  };
}

function validateCreate(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return 'the body must be a JSON object';
  const b = body as Record<string, unknown>;
  for (const key of ['name', 'app_code_name', 'redirect_uri']) {
    if (typeof b[key] !== 'string' || (b[key] as string).trim() === '') return `${key} is required`;
  }
  if (!/^[a-z0-9_]+$/i.test(b.app_code_name as string)) return 'app_code_name may contain only letters, digits and _';
  try {
    new URL(b.redirect_uri as string);
  } catch {
    return 'redirect_uri must be an absolute URL';
  }
  if (b.app_type !== undefined && !APP_TYPES.includes(String(b.app_type)))
    return `app_type must be one of ${APP_TYPES.join(', ')}`;
  if (b.scopes !== undefined && !(Array.isArray(b.scopes) && b.scopes.every((s) => typeof s === 'string')))
    return 'scopes must be a list of strings';
  return undefined;
}

export function registerAppsRoutes(app: FastifyInstance, ctx: VcitaContext): void {
  const preHandler = requireDirectoryToken(ctx);

  app.post('/platform/v1/apps', { preHandler }, async (req, reply) => {
    const problem = validateCreate(req.body);
    if (problem) return fail(reply, 422, 'invalid_params', problem);
    const b = req.body as Record<string, unknown>;
    const codeName = String(b.app_code_name);
    if (ctx.state.appByCodeName(codeName))
      return fail(reply, 409, 'already_exists', `an app with app_code_name "${codeName}" already exists`);
    const clientSecret = ctx.stats.issue(newSecret('cs_'));
    const created = {
      id: randomUUID(),
      name: String(b.name),
      appCodeName: codeName,
      appType: String(b.app_type ?? 'internal'),
      redirectUri: String(b.redirect_uri),
      scopes: Array.isArray(b.scopes) ? b.scopes.map(String) : ['openid'],
      clientId: newSecret('cid_', 12),
      secretDigest: hashSecret(clientSecret),
      createdAt: new Date(ctx.clock()).toISOString(),
    };
    ctx.state.apps.set(created.clientId, created);
    ctx.stats.created('app', created.clientId);
    // The secret is shown once, here, and never again.
    return reply.code(201).send({ success: true, data: { ...publicApp(created), client_secret: clientSecret } });
  });

  app.get('/platform/v1/apps', { preHandler }, async () => ({
    success: true,
    data: [...ctx.state.apps.values()].map(publicApp),
  }));

  app.get<{ Params: { id: string } }>('/platform/v1/apps/:id', { preHandler }, async (req, reply) => {
    const found = ctx.state.apps.get(req.params.id);
    return found
      ? { success: true, data: publicApp(found) }
      : fail(reply, 404, 'not_found', `no app with client_id "${req.params.id}"`);
  });

  app.delete<{ Params: { id: string } }>('/platform/v1/apps/:id', { preHandler }, async (req, reply) => {
    if (!ctx.state.apps.delete(req.params.id))
      return fail(reply, 404, 'not_found', `no app with client_id "${req.params.id}"`);
    ctx.stats.removed('app', req.params.id);
    return { success: true };
  });
}

import type { FastifyInstance } from 'fastify';
import type { ApiMount, ApiName } from '../api-mount.js';
import type { OpenApiDocument } from './document.js';
import { oauthOpenApi } from './oauth.js';
import { rocketchatOpenApi } from './rocketchat.js';
import { vcitaOpenApi } from './vcita.js';
import { youhodlerOpenApi } from './youhodler.js';

/** Each API's OpenAPI description, its paths relative to the API's base URL. */
export const OPENAPI_DOCUMENTS: Partial<Record<ApiName, OpenApiDocument>> = {
  vcita: vcitaOpenApi,
  rocketchat: rocketchatOpenApi,
  youhodler: youhodlerOpenApi,
  oauth: oauthOpenApi,
};

/** Where each API serves its description, below its base URL. */
export const OPENAPI_PATH = '/openapi.json';

/**
 * `GET <api base>/openapi.json` for each mounted API that has a description; its
 * `servers` is the API's base URL as the client reached it.
 */
export function registerOpenApiRoutes(app: FastifyInstance, mounts: readonly ApiMount[]): void {
  for (const mount of mounts) {
    const doc = OPENAPI_DOCUMENTS[mount.name];
    if (!doc) continue;
    app.get(`${mount.prefix}${OPENAPI_PATH}`, async (req) => ({
      ...doc,
      servers: [{ url: `${req.protocol}://${req.headers.host ?? req.hostname}${mount.prefix}` }],
    }));
  }
}

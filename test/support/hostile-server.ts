import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fresh secret: a recognisable prefix, random letters, and the characters form encoding and JSON escape. */
const fresh = (prefix: string, tail = '') => `${prefix}_${randomBytes(9).toString('base64url')}${tail}`;

/** Bodies are cut here; the big body puts a secret across it. */
const CUT = 64 * 1024;

/** Every secret the hostile server hands out or that its cards send, by where it appears. */
export function hostileSecrets() {
  return {
    escapedSecret: fresh('esc', "/x+y~!'()"),
    formClientSecret: fresh('fcs', "~!'()"),
    formAccessToken: fresh('fat'),
    formRefreshToken: fresh('frt', '/+='),
    cookieSession: fresh('cks'),
    authTokenHeader: fresh('xat'),
    redirectCode: fresh('rcode'),
    redirectState: fresh('rstate'),
    fragmentToken: fresh('frag'),
    locationToken: fresh('loct'),
    listToken1: fresh('tok1'),
    listToken2: fresh('tok2'),
    privateKey: `-----BEGIN PRIVATE KEY-----${randomBytes(18).toString('base64')}`,
    jwt: `eyJhbGciOiJIUzI1NiJ9.${randomBytes(12).toString('base64url')}.${randomBytes(12).toString('base64url')}`,
    session: fresh('sess'),
    idToken: fresh('idt'),
    registrationToken: fresh('rat'),
    straddling: fresh('cut', 'ZZZZZZZZ'),
    handle: fresh('hdl'),
    queryToken: fresh('qat'),
    cardBearer: fresh('bearer'),
    cardCookie: fresh('ck'),
    cardAuthToken: fresh('cat'),
    cardClientSecret: fresh('ccs', "~!'()"),
    sessionRef: fresh('ref'),
    keptRef: fresh('kept'),
  };
}
export type HostileSecrets = ReturnType<typeof hostileSecrets>;

const json = (res: ServerResponse, status: number, body: string, headers: Record<string, string | string[]> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);

/** A JSON body whose `access_token` starts 8 characters before the cut, once pretty-printed as reports show it. */
export function straddlingBody(token: string): string {
  const shown = (pad: string) => JSON.stringify({ pad, access_token: token }, null, 2);
  const padLength = CUT - 8 - shown('').indexOf(token);
  const body = { pad: 'p'.repeat(padLength), access_token: token };
  if (shown(body.pad).indexOf(token) !== CUT - 8) throw new Error('the straddling secret is not across the cut');
  return JSON.stringify(body);
}

type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void;

function routes(s: HostileSecrets): Record<string, Route> {
  return {
    // PHP's json_encode: `\/` and a `\u`-escaped `+`.
    'GET /escaped': (_q, res) =>
      json(res, 200, `{"client_secret":"${s.escapedSecret.replace(/\//g, '\\/').replace(/\+/g, '\\u002b')}"}`),
    'POST /token': (_q, res) =>
      res.writeHead(200, { 'content-type': 'application/x-www-form-urlencoded' }).end(
        new URLSearchParams({
          access_token: s.formAccessToken,
          token_type: 'bearer',
          refresh_token: s.formRefreshToken,
        }).toString(),
      ),
    'GET /cookie': (_q, res) =>
      json(res, 404, JSON.stringify({ code: 'not_found', message: 'no such thing' }), {
        'set-cookie': [`session=${s.cookieSession}; Path=/; HttpOnly`, 'theme=dark; Path=/'],
        'x-auth-token': s.authTokenHeader,
      }),
    'GET /redirect': (_q, res) =>
      res
        .writeHead(302, {
          location: [
            `https://app.example/cb?code=${s.redirectCode}&state=${s.redirectState}`,
            `#access_token=${s.fragmentToken}`,
          ].join(''),
        })
        .end(),
    'POST /things': (_q, res) =>
      json(res, 201, '{"id":"thing-1"}', { location: `/things/1?access_token=${s.locationToken}` }),
    'GET /lists': (_q, res) =>
      json(
        res,
        200,
        JSON.stringify({
          tokens: [s.listToken1, s.listToken2],
          private_key: s.privateKey,
          jwt: s.jwt,
          session: s.session,
          id_token: s.idToken,
          registration_access_token: s.registrationToken,
          blob: Buffer.from(s.privateKey).toString('base64'),
          blob_url: Buffer.from(s.listToken1).toString('base64url'),
        }),
      ),
    'GET /big': (_q, res) => json(res, 200, straddlingBody(s.straddling)),
    // A value with nothing secret in its name, that a later card sends as its bearer token.
    'GET /issue': (_q, res) => json(res, 200, JSON.stringify({ handle: s.handle })),
    'GET /use': (req, res) => json(res, req.headers.authorization === `Bearer ${s.handle}` ? 200 : 401, '{"ok":true}'),
    'GET /search': (_q, res) => json(res, 200, '{"results":[]}'),
    // A UID a card creates (nothing secret in its name) and then sends as its X-Auth-Token.
    'POST /sessions': (_q, res) => json(res, 201, JSON.stringify({ data: { ref: s.sessionRef } })),
    'DELETE /sessions': (_q, res) => res.writeHead(204).end(),
    // The same, but its cleanup fails: the journal keeps the entry and the report lists it as left behind.
    'POST /kept': (_q, res) => json(res, 201, JSON.stringify({ data: { ref: s.keptRef } })),
    'DELETE /kept': (_q, res) => json(res, 500, '{"error":"try later"}'),
    'GET /kept-me': (req, res) => json(res, req.headers['x-auth-token'] === s.keptRef ? 200 : 401, '{"me":"y"}'),
    'GET /whoami': (req, res) => json(res, req.headers['x-auth-token'] === s.sessionRef ? 200 : 401, '{"me":"x"}'),
  };
}

export interface HostileServer {
  url: string;
  secrets: HostileSecrets;
  close(): Promise<void>;
}

/** A loopback server that answers with secrets in every place a report could show them. */
export async function startHostileServer(): Promise<HostileServer> {
  const secrets = hostileSecrets();
  const table = routes(secrets);
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      // `DELETE /sessions/<id>` is routed as `DELETE /sessions`.
      const path = (req.url ?? '').split('?')[0] ?? '';
      const route = table[`${req.method} ${path}`] ?? table[`${req.method} ${path.replace(/\/[^/]+$/, '')}`];
      if (route) route(req, res, body);
      else json(res, 404, '{"error":"no route"}');
    });
  });
  // Bounded in time: no request may hold the test open.
  server.requestTimeout = 5000;
  server.headersTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    secrets,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

#!/usr/bin/env node
/**
 * A real OAuth 2.0 / OpenID Connect server for the tests: panva's oidc-provider
 * (a certified OpenID Provider), run as its own process so that a test can kill
 * cardcheck and not the server.
 *
 * It listens on 127.0.0.1 on a port the system chooses, and prints one line,
 * `OIDC_ORIGIN=http://127.0.0.1:<port>`, on stdout once it answers. The issuer
 * is that origin. It stops on SIGTERM, SIGINT, or when its stdin closes (so a
 * test runner that dies does not leave it running).
 *
 * Configuration (the defaults of oidc-provider, except):
 * - dynamic client registration, RFC 7591: `POST /reg`, authorised by the
 *   initial access token in OIDC_INITIAL_ACCESS_TOKEN (a fixed string; the
 *   registration is open when the variable is empty or unset);
 * - registration management, RFC 7592: `GET`/`PUT`/`DELETE /reg/<client_id>`,
 *   authorised by the registration access token the registration returned;
 * - the client_credentials grant at `POST /token` (HTTP Basic or
 *   client_secret_post);
 * - `POST /__test/sign-in?<authorization request>` (test-only): a sign-in and consent through the provider's
 *   own /auth and development interaction pages, answered `{ code, state }` as JSON (its error redirect when /auth
 *   refuses the request), so a card's UID step can get a code, and a fresh one, without a browser;
 * - the in-memory adapter oidc-provider has by default: every client and
 *   token is gone when the process ends, and nothing is written to disk.
 * Signing keys are generated at start (oidc-provider's development keys).
 *
 * So that tests can check what is left without a back door, every
 * registration and deletion is printed as a line on stdout:
 * `OIDC_EVENT {"event":"registered","client_id":…,"registration_access_token":…}`
 * and `OIDC_EVENT {"event":"deleted","client_id":…}`. The test then asks the
 * registration API itself (RFC 7592 GET) whether each client still exists.
 * The server is for loopback tests only: those lines hold credentials.
 */
import http from 'node:http';
import { Provider } from 'oidc-provider';

const initialAccessToken = process.env.OIDC_INITIAL_ACCESS_TOKEN || false;

const server = http.createServer();
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(0, '127.0.0.1', resolve);
});
const origin = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(origin, {
  features: {
    // The development login and consent pages: a browser flow (cardcheck run --browser) signs in with any login.
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    revocation: { enabled: true },
    registration: { enabled: true, initialAccessToken },
    registrationManagement: { enabled: true, rotateRegistrationAccessToken: false },
  },
  clientDefaults: {
    grant_types: ['client_credentials'],
    response_types: [],
    token_endpoint_auth_method: 'client_secret_basic',
  },
  scopes: ['openid', 'api:read', 'api:write'],
  ttl: { ClientCredentials: 600 },
});
// An error answered to a client (400, 401…) is expected here: do not print it.
provider.on('server_error', (_ctx, err) => process.stderr.write(`oidc-provider server_error: ${err.stack}\n`));

const event = (e) => process.stdout.write(`OIDC_EVENT ${JSON.stringify(e)}\n`);
provider.on('registration_create.success', (ctx, client) =>
  event({
    event: 'registered',
    client_id: client.clientId,
    registration_access_token: ctx.body?.registration_access_token,
    client_secret: ctx.body?.client_secret,
  }),
);
// What the provider issues, so a test can look for it in cardcheck's outputs.
provider.on('authorization_code.saved', (code) => event({ event: 'issued', kind: 'code', value: code.jti }));
provider.on('access_token.saved', (token) => event({ event: 'issued', kind: 'access_token', value: token.jti }));
provider.on('client_credentials.saved', (token) =>
  event({ event: 'issued', kind: 'client_credentials', value: token.jti }),
);
provider.on('registration_delete.success', (_ctx, client) => event({ event: 'deleted', client_id: client.clientId }));

// One route that is not oidc-provider's: `GET /__test/hold` never answers, so a test can kill cardcheck while a
// card waits on it, after the card's registration is made.
// And one misbehaviour a real deployment shows: with `X-Test-Answer: 500`, the provider does its work (a client is
// registered) and the answer's status is then replaced by 500, its body kept, as a proxy timing out after commit does.
const callback = provider.callback();
server.on('request', (req, res) => {
  if (req.url === '/__test/hold') return;
  if (req.method === 'POST' && req.url?.startsWith('/__test/sign-in?')) return void signIn(req, res);
  if (req.headers['x-test-answer'] === '500') {
    const writeHead = res.writeHead.bind(res);
    res.writeHead = (_status, ...rest) => writeHead(500, ...rest);
  }
  callback(req, res);
});

/**
 * `POST /__test/sign-in?<authorization request>` (test-only, like the sandbox's `respond_with=json`): signs in as
 * the `login` of its form and consents, through the provider's own /auth and development interaction pages (cookies
 * kept from one to the next), then answers `{ code, state }` from the redirect to the client. When /auth refuses
 * the request (e.g. `code_challenge_method=plain`), its error redirect is passed on as it is.
 */
async function signIn(req, res) {
  let body = '';
  for await (const chunk of req) body += chunk;
  const login = new URLSearchParams(body).get('login') || 'alice';
  const query = req.url.slice(req.url.indexOf('?'));
  const cookies = new Map();
  const step = async (url, form) => {
    const r = await fetch(new URL(url, origin), {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return r;
  };
  try {
    let r = await step(`/auth${query}`);
    for (let i = 0; i < 8; i += 1) {
      const location = r.headers.get('location');
      if (r.status < 300 || r.status >= 400 || !location) break;
      const to = new URL(location, origin);
      if (to.origin !== origin) {
        const code = to.searchParams.get('code');
        if (code === null) return void res.writeHead(303, { location: to.toString() }).end();
        const answer = { code, state: to.searchParams.get('state') };
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      }
      if (to.pathname.startsWith('/interaction/')) {
        const page = await step(to.pathname);
        const html = await page.text();
        const prompt = html.includes('name="login"')
          ? { prompt: 'login', login, password: 'any' }
          : { prompt: 'consent' };
        r = await step(to.pathname, prompt);
      } else r = await step(to.pathname + to.search);
    }
    res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'text/plain' }).end(await r.text());
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
  }
}

const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();

process.stdout.write(`OIDC_ORIGIN=${origin}\n`);

/**
 * The floor of bench/workload.mjs: what the workload card does, written by
 * hand with undici 7 (one keep-alive Agent) and ajv, as a whole process.
 * Usage: node raw-loop.mjs ORIGIN N CONCURRENCY. Each iteration creates an app
 * with a fresh app_code_name, exchanges its client id and secret at the token
 * endpoint, checks the status and the JSON Schema, and deletes the app.
 * Prints one JSON line: { failures, maxRssKiB }.
 */
import Ajv from 'ajv';
import { Agent, request } from 'undici';

const [origin, nText, cText] = process.argv.slice(2);
const N = Number(nText);
const C = Number(cText ?? 1);
const TOKEN = process.env.DIRECTORY_TOKEN ?? 'bench-directory-token';
const agent = new Agent({ connections: C });
const validate = new Ajv({ strict: false }).compile({
  type: 'object',
  required: ['access_token', 'token_type', 'expires_in'],
  properties: {
    access_token: { type: 'string', minLength: 1 },
    token_type: { const: 'Bearer' },
    expires_in: { type: 'integer', minimum: 1 },
  },
});

async function call(method, path, body, auth) {
  const headers = { 'content-type': 'application/json' };
  if (auth) headers.authorization = `Bearer ${TOKEN}`;
  const res = await request(origin + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    dispatcher: agent,
  });
  const text = await res.body.text();
  return { status: res.statusCode, json: text ? JSON.parse(text) : undefined };
}

let failures = 0;
async function iteration(i) {
  const created = await call(
    'POST',
    '/platform/v1/apps',
    {
      name: 'OAuth Token Test App',
      app_code_name: `oauthtest${Date.now()}${i}`,
      app_type: 'internal',
      redirect_uri: 'https://example.com/oauth/callback',
    },
    true,
  );
  if (created.status < 200 || created.status > 299) throw new Error(`create answered ${created.status}`);
  const { client_id, client_secret } = created.json.data;
  try {
    const token = await call('POST', '/oauth/service/token', { service_id: client_id, service_secret: client_secret });
    if (token.status !== 200 || !validate(token.json)) failures++;
  } finally {
    await call('DELETE', `/platform/v1/apps/${encodeURIComponent(client_id)}`, undefined, true);
  }
}

let nextIndex = 0;
async function worker() {
  while (nextIndex < N) await iteration(nextIndex++);
}
await Promise.all(Array.from({ length: C }, worker));
await agent.close();
console.log(JSON.stringify({ failures, maxRssKiB: process.resourceUsage().maxRSS }));

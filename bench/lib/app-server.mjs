/**
 * The workload server of bench/workload.mjs, in its own process: the three
 * vcita routes the workload card calls, in memory, with the sandbox's answers
 * (201 on create with a client id and secret, a bearer token for the pair,
 * 200 on delete). Sends its port to the parent when listening.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const TOKEN = process.env.DIRECTORY_TOKEN ?? 'bench-directory-token';
const apps = new Map();
let next = 1;

function send(res, status, body) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

function readJson(req, done) {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    try {
      done(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
    } catch {
      done(undefined);
    }
  });
}

const server = createServer((req, res) => {
  const url = req.url ?? '/';
  if (req.method === 'POST' && url === '/oauth/service/token') {
    return readJson(req, (body) => {
      const app = body && apps.get(body.service_id);
      if (!app || app.client_secret !== body.service_secret) return send(res, 401, { error: 'invalid_client' });
      send(res, 200, { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 3600 });
    });
  }
  if (req.headers.authorization !== `Bearer ${TOKEN}`) {
    req.resume();
    return send(res, 401, { success: false, errors: [{ code: 'unauthorized' }] });
  }
  if (req.method === 'POST' && url === '/platform/v1/apps') {
    return readJson(req, (body) => {
      if (!body?.app_code_name) return send(res, 422, { success: false, errors: [{ code: 'invalid_params' }] });
      const app = {
        id: `app-${next++}`,
        name: body.name,
        app_code_name: body.app_code_name,
        client_id: randomBytes(8).toString('hex'),
        client_secret: randomBytes(16).toString('hex'),
      };
      apps.set(app.client_id, app);
      send(res, 201, { success: true, data: app });
    });
  }
  const item = /^\/platform\/v1\/apps\/([^/?]+)$/.exec(url);
  if (req.method === 'DELETE' && item) {
    req.resume();
    const found = apps.delete(decodeURIComponent(item[1]));
    return found
      ? send(res, 200, { success: true })
      : send(res, 404, { success: false, errors: [{ code: 'not_found' }] });
  }
  req.resume();
  send(res, 404, { error: 'not_found' });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send?.(server.address().port));
process.on('message', (m) => {
  if (m === 'count') process.send?.({ apps: apps.size });
});

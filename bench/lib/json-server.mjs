/**
 * A minimal JSON server for bench/run.mjs, in its own process so that it does
 * not share the measured process's CPU time: every request gets the same
 * small JSON body. Sends its port to the parent when listening.
 */
import { createServer } from 'node:http';

const body = JSON.stringify({
  data: { id: 'item-1', name: 'item', created_at: '2026-01-01T00:00:00Z', tags: ['a', 'b'] },
});
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () =>
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body),
  );
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send?.(server.address().port));

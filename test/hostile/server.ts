import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  origin: string;
  /** Requests answered so far, by path. */
  hits: string[];
  close(): Promise<void>;
}

/** A loopback HTTP server answering each request with `answer`; connections are dropped on close. */
export async function loopback(answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<LoopbackServer> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answer with a JSON body. */
export function sendJson(res: ServerResponse, body: string, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** A card sending GET `path` with no auth, expecting `expect` (a JSON Expected Response) or `bullets`. */
export function getCard(path: string, expect: { json?: unknown; bullets?: string[]; yaml?: string }): string {
  return [
    '---',
    `endpoint: GET ${path}`,
    'auth: none',
    '---',
    `# GET ${path}`,
    '',
    '## Request Template',
    '',
    '```json',
    JSON.stringify({ method: 'GET', path }),
    '```',
    '',
    '## Expected Response',
    '',
    ...(expect.json ? ['```json', JSON.stringify(expect.json, null, 2), '```'] : []),
    ...(expect.yaml ? ['```yaml', expect.yaml, '```'] : []),
    ...(expect.bullets ?? []),
    '',
  ].join('\n');
}

/** A JavaScript stack frame (not a card location such as `at card.md:19:5`). */
export const STACK_FRAME = /\n\s+at (?:.+ \()?(?:file:\/\/|node:|\/)/;

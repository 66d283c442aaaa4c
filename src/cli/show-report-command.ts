import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { projectPaths } from '../config/project-paths.js';
import { CardcheckError } from '../core/errors.js';
import { isInside } from '../util/path-inside.js';
import type { ExitCode } from './exit-code.js';
import { EXIT } from './exit-code.js';
import { parseCount } from './run-options.js';
import { untilSignal } from './until-signal.js';

export interface ShowReportOptions {
  serve?: boolean;
  port?: string;
}

export interface ShowReportIo {
  cwd: string;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
}

const REPORT = 'report.html';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.png': 'image/png',
  '.zip': 'application/zip',
};

/** The program that opens a file in the desktop's browser, when there is a desktop to open it on. */
export function opener(
  platform: NodeJS.Platform,
  env: ShowReportIo['env'],
): { command: string; args: string[] } | undefined {
  if (env.CI) return undefined;
  if (platform === 'darwin') return { command: 'open', args: [] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return { command: 'xdg-open', args: [] };
  return undefined;
}

/** Serve the report's folder on loopback until SIGINT/SIGTERM; only files inside it, read-only. */
async function serve(dir: string, port: number, io: ShowReportIo, stopped: () => Promise<string>): Promise<ExitCode> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const rel = decodeURIComponent(url.pathname === '/' ? `/${REPORT}` : url.pathname);
    const file = path.resolve(dir, `.${rel}`);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !isInside(file, dir)) {
      res.writeHead(404).end();
      return;
    }
    stat(file).then(
      (s) => {
        if (!s.isFile()) return void res.writeHead(404).end();
        res.writeHead(200, {
          'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        });
        if (req.method === 'HEAD') return void res.end();
        createReadStream(file).pipe(res);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) =>
      reject(
        new CardcheckError('local-state', `show-report --serve: cannot listen on 127.0.0.1:${port}: ${err.message}`),
      ),
    );
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  io.stdout(`serving ${path.relative(io.cwd, dir) || '.'} on http://127.0.0.1:${bound}/ (Ctrl-C to stop)`);
  const signal = await stopped();
  io.stdout(`cardcheck show-report: ${signal}, closing`);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  return EXIT.ok;
}

/**
 * `cardcheck show-report [DIR]`: open DIR/report.html (default reports/) in the
 * desktop's browser; with no desktop (CI, ssh) print its path; `--serve`
 * serves the folder on 127.0.0.1 instead.
 */
export async function showReportCommand(
  dir: string | undefined,
  opts: ShowReportOptions,
  io: ShowReportIo,
  stopped: () => Promise<string> = untilSignal,
): Promise<ExitCode> {
  const folder = path.resolve(io.cwd, dir ?? projectPaths(io.cwd, undefined).reports);
  const given = (await stat(folder).catch(() => undefined))?.isFile() ? path.dirname(folder) : folder;
  const file = path.join(given, REPORT);
  const rel = path.relative(io.cwd, file);
  const shown = rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
  if (!(await stat(file).catch(() => undefined))?.isFile())
    throw new CardcheckError(
      'flag-invalid',
      `there is no ${shown}; run \`cardcheck run\` first (it writes the HTML report by default), or give the --out folder of a run`,
    );
  const port = parseCount('--port', opts.port, 0) ?? 0;
  if (opts.serve) return serve(given, port, io, stopped);
  const open = opener(io.platform, io.env);
  if (!open) {
    io.stdout(`${shown}`);
    io.stderr(
      'cardcheck show-report: no desktop to open it on; open the file above, or use --serve to serve it on 127.0.0.1',
    );
    return EXIT.ok;
  }
  const child = spawn(open.command, [...open.args, file], { detached: true, stdio: 'ignore' });
  const started = await new Promise<boolean>((resolve) => {
    child.once('error', () => resolve(false));
    child.once('spawn', () => resolve(true));
  });
  if (!started) {
    io.stdout(`${shown}`);
    io.stderr(`cardcheck show-report: ${open.command} is not available; open the file above, or use --serve`);
    return EXIT.ok;
  }
  child.unref();
  io.stdout(`opened ${shown}`);
  return EXIT.ok;
}

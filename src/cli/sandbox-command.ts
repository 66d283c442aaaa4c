import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { CardcheckError, isCardcheckError } from '../core/errors.js';
import { importOptional, SANDBOX_PACKAGES } from '../core/optional-import.js';
import type { FaultOptions } from '../sandbox/faults/fault-options.js';
import type { ExitCode } from './exit-code.js';
import { EXIT, EXIT_ROWS, exitHelp } from './exit-code.js';
import { untilSignal } from './until-signal.js';

export interface SandboxCommandIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

export interface SandboxCommandOptions {
  port: number;
  host: string;
  listBreaks?: boolean;
  break: string[];
  latency?: number;
  errorRate?: number;
  badGatewayRate?: number;
  resetRate?: number;
  rateLimitBurst?: { every: number; length: number };
  slowBody?: number;
  seed?: number;
}

function parseWhole(what: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${what} must be a whole number`);
    return Number(value);
  };
}

function parseRate(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError('a rate is a number from 0 to 1, e.g. 0.1');
  return n;
}

function parseBurst(value: string): { every: number; length: number } {
  const m = /^(\d+):(\d+)$/.exec(value);
  if (!m) throw new InvalidArgumentError('use EVERY:LENGTH, e.g. 10:3 (the last 3 of every 10 requests get 429)');
  return { every: Number(m[1]), length: Number(m[2]) };
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `cardcheck sandbox`: list breaks, or start the sandbox and keep it up until `stopped` resolves. */
export async function sandboxCommand(
  opts: SandboxCommandOptions,
  io: SandboxCommandIo,
  stopped: () => Promise<unknown> = untilSignal,
): Promise<ExitCode> {
  // Loaded here, not at the top: every other command starts faster without the sandbox's server framework.
  const { describeSandbox, formatBreakList } = await import('../sandbox/describe.js');
  if (opts.listBreaks) {
    const { listBreaks } = await import('../sandbox/breaks/registry.js');
    for (const line of formatBreakList(listBreaks())) io.stdout(line);
    return EXIT.ok;
  }
  const faults: FaultOptions = {
    latencyMs: opts.latency,
    errorRate: opts.errorRate,
    badGatewayRate: opts.badGatewayRate,
    resetRate: opts.resetRate,
    rateLimitBurst: opts.rateLimitBurst,
    slowBodyMs: opts.slowBody,
    seed: opts.seed,
  };
  const { startSandbox } = await importOptional(SANDBOX_PACKAGES, () => import('../sandbox/server.js'));
  const sandbox = await startSandbox({ port: opts.port, host: opts.host, breaks: opts.break, faults }).catch(
    (err: unknown) => {
      // An unknown break, a port in use, a host that is not here: the user's settings, not a bug.
      if (isCardcheckError(err)) throw err;
      throw new CardcheckError('local-state', err instanceof Error ? err.message : String(err));
    },
  );
  if (!sandbox.loopbackOnly)
    io.stderr(
      `cardcheck sandbox: warning: bound to ${sandbox.bound}, beyond loopback: other machines that reach this one can use the sandbox, and its sign-in page takes a fixed password (${sandbox.env.VCITA_USERNAME ?? 'the demo user'} / ${sandbox.env.VCITA_PASSWORD ?? 'sandbox-password'}); use --host 127.0.0.1 unless you mean to share it`,
    );
  for (const line of describeSandbox(sandbox, faults)) io.stdout(line);
  const signal = await stopped();
  io.stdout(`cardcheck sandbox: ${typeof signal === 'string' ? `${signal}, ` : ''}closing`);
  await sandbox.close();
  return EXIT.ok;
}

export function registerSandboxCommand(
  program: Command,
  io: SandboxCommandIo,
  act: (command: string, run: () => Promise<number>) => Promise<number>,
): void {
  program
    .command('sandbox')
    .description(
      'start the embedded sandbox (vcita, Rocket.Chat and YouHodler APIs, a standards-following OAuth API) standalone and print its base URLs',
    )
    .option('--port <n>', 'port to listen on (0: a free one)', parseWhole('--port'), 0)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option(
      '--list-breaks',
      'print the contract breaks, one per line (a standards break names its rule and clause), and exit',
    )
    .option('--break <name>', 'enable a contract break (repeatable)', collect, [])
    .option('--latency <ms>', 'delay before every request is processed', parseWhole('--latency'))
    .option('--error-rate <r>', 'share of requests answered 503 (0..1)', parseRate)
    .option('--bad-gateway-rate <r>', 'share of requests answered 502 (0..1)', parseRate)
    .option('--reset-rate <r>', 'share of connections reset before processing (0..1)', parseRate)
    .option('--rate-limit-burst <every:length>', 'the last LENGTH of every EVERY requests get 429', parseBurst)
    .option('--slow-body <ms>', 'spread every response body over this long', parseWhole('--slow-body'))
    .option('--seed <n>', 'seed for the fault PRNG (same seed, same faults)', parseWhole('--seed'))
    .addHelpText(
      'after',
      `\nPer request, send the header  x-sandbox-fault: status=503 | status=502 | status=429 | reset | latency=MS | slow-body=MS  (comma-separated).\n\n${exitHelp(EXIT_ROWS.sandbox)}`,
    )
    .action(async (opts: SandboxCommandOptions) => {
      process.exitCode = await act('sandbox', () => sandboxCommand(opts, io));
    });
}

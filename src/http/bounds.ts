import type { Readable } from 'node:stream';
import type { TransportErrorKind } from '../core/errors.js';
import { CardcheckError, isCardcheckError } from '../core/errors.js';

/** The body byte cap of a request when neither the card, the flag nor the target sets one: 8 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

const transportError = (kind: TransportErrorKind, message: string) =>
  new CardcheckError('transport', message, { transport: kind });

/** `8388608` → `8 MiB`; other sizes in KiB or bytes, for messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/**
 * One request's bounds in time: the deadline covers connecting, headers and
 * the whole body (a server dripping a byte at a time cannot outlive it), and
 * the run may stop it in flight. Aborting the signal makes undici drop the connection.
 */
export class RequestCall {
  readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  /** True once the headers arrived: a deadline then means the body was too slow. */
  headersIn = false;

  constructor(
    readonly origin: string,
    readonly deadlineMs: number,
  ) {
    this.timer = setTimeout(() => this.stop(this.deadlineError()), deadlineMs);
    this.timer.unref();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  stop(reason: CardcheckError): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  done(): void {
    clearTimeout(this.timer);
  }

  /** The error to throw when the call was stopped (deadline, cap, run), else undefined. */
  stopped(): CardcheckError | undefined {
    const reason: unknown = this.controller.signal.aborted ? this.controller.signal.reason : undefined;
    return isCardcheckError(reason) ? reason : undefined;
  }

  private deadlineError(): CardcheckError {
    if (!this.headersIn) return transportError('timeout', `${this.origin} did not answer in time`);
    return transportError(
      'timeout',
      `${this.origin} did not finish its answer in time: the body was still arriving after ${this.deadlineMs} ms (the request deadline, --timeout)`,
    );
  }
}

/** The error a run stop gives the requests in flight. */
export const stoppedError = (origin: string, why: string) =>
  transportError('stopped', `the request to ${origin} was stopped: ${why}`);

/**
 * Read a body, at most `cap` bytes (plus the chunk that crosses it): past the
 * cap the call is aborted, which drops the connection, and the error names
 * the cap and the bytes seen.
 */
export async function readCapped(body: Readable, cap: number, call: RequestCall): Promise<string> {
  const chunks: Buffer[] = [];
  let seen = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (seen > cap) {
      const err = transportError(
        'too-large',
        `the response body of ${call.origin} went past the cap of ${formatBytes(cap)} (${cap} bytes): ${seen} bytes seen, the connection was dropped; raise maxBodyBytes of the card or the target, or --max-body-bytes, if this body is expected`,
      );
      call.stop(err);
      body.destroy();
      throw err;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

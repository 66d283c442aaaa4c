import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MisbehavingServer } from '../support/misbehaving-server.js';
import { startMisbehavingServer } from '../support/misbehaving-server.js';
import { expectNoCrash, getCard, runAgainst } from './support.js';

/** undici hands the body over in chunks of at most 64 KiB: bytes read stay within the cap plus one of them. */
const CHUNK_MAX = 64 * 1024;
const MiB = 1024 * 1024;

let server: MisbehavingServer;
beforeAll(async () => {
  server = await startMisbehavingServer();
});
afterAll(async () => {
  await server?.close();
});

const seenBytes = (reason: string) => Number(/: (\d+) bytes seen/.exec(reason)?.[1]);

describe('hostile responses are bounded in bytes and time', () => {
  it('an endless chunked body stops at --max-body-bytes: the card errors naming the cap, the connection is dropped', async () => {
    const res = await runAgainst(server.origin, { 'endless.md': getCard('/endless') }, ['--max-body-bytes', '65536']);
    expectNoCrash(res);
    expect(res.code).toBe(2);
    const [c] = res.cards;
    expect(c?.outcome).toBe('errored');
    expect(c?.reason).toMatch(/response body of http:\/\/127\.0\.0\.1:\d+ went past the cap of 64 KiB \(65536 bytes\)/);
    expect(seenBytes(c?.reason ?? '')).toBeGreaterThan(65536);
    expect(seenBytes(c?.reason ?? '')).toBeLessThanOrEqual(65536 + CHUNK_MAX);
    // The card's line shows it, as lint shows its errors.
    expect(c?.diagnostics?.some((d) => d.message.includes('went past the cap'))).toBe(true);
    await expect.poll(() => server.stats('/endless').dropped).toBe(true);
    // What the server got out is the cap plus what the loopback socket buffers hold, nowhere near endless.
    expect(server.stats('/endless').bytesSent).toBeLessThan(32 * MiB);
    expect(res.ms).toBeLessThan(10_000);
  }, 15_000);

  it('a 200 MB body stops at the default cap of 8 MiB; a card may raise or lower its own cap', async () => {
    const lowCard = getCard('/big').replace('status: success\n', 'status: success\nmaxBodyBytes: 100000\n');
    const res = await runAgainst(server.origin, { 'big.md': getCard('/big'), 'low.md': lowCard }, []);
    expectNoCrash(res);
    expect(res.code).toBe(2);
    const [big, low] = res.cards;
    expect(big?.reason).toMatch(/went past the cap of 8 MiB \(8388608 bytes\)/);
    expect(seenBytes(big?.reason ?? '')).toBeLessThanOrEqual(8 * MiB + CHUNK_MAX);
    expect(low?.reason).toMatch(/went past the cap of 100000 bytes \(100000 bytes\)/);
    expect(seenBytes(low?.reason ?? '')).toBeLessThanOrEqual(100000 + CHUNK_MAX);
    await expect.poll(() => server.stats('/big').dropped).toBe(true);
    expect(server.stats('/big').requests).toBe(2);
    expect(server.stats('/big').bytesSent).toBeLessThan(64 * MiB);
  }, 15_000);

  it("a target's maxBodyBytes in the config caps its bodies", async () => {
    const config = ['targets:', '  hostile:', '    apis:', `      main: ${server.origin}`, '    maxBodyBytes: 4096'];
    const res = await runAgainst(server.origin, { 'endless.md': getCard('/endless') }, [], config.join('\n'));
    expectNoCrash(res);
    expect(res.code).toBe(2);
    expect(res.cards[0]?.reason).toMatch(/went past the cap of 4 KiB \(4096 bytes\)/);
    expect(seenBytes(res.cards[0]?.reason ?? '')).toBeLessThanOrEqual(4096 + CHUNK_MAX);
  }, 15_000);

  it('a body dripped one byte per 200 ms cannot outlive --timeout: one deadline covers headers and body', async () => {
    const res = await runAgainst(server.origin, { 'drip.md': getCard('/drip') }, ['--timeout', '2000']);
    expectNoCrash(res);
    expect(res.code).toBe(2);
    expect(res.cards[0]?.reason).toMatch(
      /http:\/\/127\.0\.0\.1:\d+ did not finish its answer in time: the body was still arriving after 2000 ms/,
    );
    await expect.poll(() => server.stats('/drip').dropped).toBe(true);
    // Not sent again: a timeout spent the deadline.
    expect(server.stats('/drip').requests).toBe(1);
    expect(server.stats('/drip').bytesSent).toBeLessThan(20);
    expect(res.ms).toBeLessThan(8_000);
  }, 15_000);

  it('an invalid Location with followRedirects is a located card error, not an internal error', async () => {
    const res = await runAgainst(server.origin, { 'loc.md': getCard('/bad-location', { followRedirects: true }) }, []);
    expectNoCrash(res);
    expect(res.code).toBe(2);
    const [c] = res.cards;
    expect(c?.outcome).toBe('errored');
    expect(c?.reason).toMatch(/answered 302 with a Location header that is not a valid URL \("http:\/\/\[::1"\)/);
    expect(c?.diagnostics?.some((d) => d.line > 0 && d.message.includes('not a valid URL'))).toBe(true);
  }, 15_000);
});

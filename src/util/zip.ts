import { unzipSync, zipSync } from 'fflate';

/**
 * Reading and writing the zips Playwright saves its traces in, through fflate
 * (a small, dependency-free, widely used zip library) rather than code of our
 * own: the traces are read, redacted entry by entry and written again.
 */

/** Every file of a zip (stored or deflated, as Playwright writes its traces), by name. A damaged archive throws. */
export function readZip(zip: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [name, data] of Object.entries(unzipSync(zip)))
    out.set(name, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  return out;
}

/** A zip of `entries`, stored (not compressed): what trace viewers and unzip read. */
export function writeZip(entries: ReadonlyMap<string, Buffer>): Buffer {
  const files: Record<string, Uint8Array> = {};
  for (const [name, data] of entries) files[name] = data;
  return Buffer.from(zipSync(files, { level: 0 }));
}

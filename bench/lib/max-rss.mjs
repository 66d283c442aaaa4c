/**
 * Runs the built CLI in this process and, as it exits, writes its peak RSS
 * (process.resourceUsage().maxRSS, in KiB) to the file CARDCHECK_RSS_OUT names.
 * Usage: node bench/lib/max-rss.mjs <cardcheck args…>
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = process.env.CARDCHECK_RSS_OUT;
process.on('exit', () => {
  if (out) writeFileSync(out, String(process.resourceUsage().maxRSS));
});
await import(path.join(ROOT, 'dist/cli/main.js'));

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { BrowserArtefactPlace, BrowserArtefacts } from '../core/browser.js';
import { readZip, writeZip } from '../util/zip.js';

/** How long the screenshot of a failed step may take (the page may be busy). */
const SCREENSHOT_MS = 5_000;

/**
 * A screenshot of the page where the flow failed, with every password input
 * and every input the flow filled covered (`mask`): the values typed are
 * secrets. When masking fails (a selector the page cannot take), no
 * screenshot is kept rather than one showing them.
 */
export async function saveScreenshot(
  page: Page,
  place: BrowserArtefactPlace,
  key: string,
  filled: readonly string[],
): Promise<string | undefined> {
  const rel = `${place.name}-${key}.png`;
  const file = path.join(place.outDir, rel);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const mask = [page.locator('input[type=password]'), ...filled.map((s) => page.locator(s))];
    await page.screenshot({ path: file, mask, timeout: SCREENSHOT_MS, animations: 'disabled' });
    return rel.split(path.sep).join('/');
  } catch {
    await rm(file, { force: true });
    return undefined;
  }
}

/**
 * A Playwright trace of the flow that leaves out what was typed: Playwright
 * records a fill's value among the action's parameters, so the recording
 * stops around each fill (each stretch between fills is its own trace
 * file). No DOM snapshots (they hold input values and the network, where the
 * submitted form is) and no screencast (it shows typed text). What is saved
 * goes through the run's redactor as well (a page URL's token, a value a
 * page echoed): only text entries are kept.
 */
export class FlowTrace {
  private chunks: string[] = [];
  private recording = false;
  private constructor(
    private readonly context: BrowserContext,
    private readonly dir: string,
  ) {}

  static async start(context: BrowserContext): Promise<FlowTrace> {
    const trace = new FlowTrace(context, await mkdtemp(path.join(os.tmpdir(), 'cardcheck-trace-')));
    await context.tracing.start({ screenshots: false, snapshots: false });
    trace.recording = true;
    return trace;
  }

  /** Stop recording before a secret is typed; the stretch so far is kept. */
  async pause(): Promise<void> {
    if (!this.recording) return;
    this.recording = false;
    const file = path.join(this.dir, `${this.chunks.length + 1}.zip`);
    await this.context.tracing.stopChunk({ path: file });
    this.chunks.push(file);
  }

  async resume(): Promise<void> {
    if (this.recording) return;
    await this.context.tracing.startChunk();
    this.recording = true;
  }

  /** The flow failed: the stretches recorded, copied beside the report. */
  async save(place: BrowserArtefactPlace, redact: (text: string) => string): Promise<string[]> {
    await this.pause().catch(() => {});
    const saved: string[] = [];
    for (const chunk of this.chunks) {
      const zip = redactedZip(await readFile(chunk), redact);
      // A stretch between two fills holds no action: not worth a file.
      if (!zip) continue;
      const rel = `${place.name}-trace-${saved.length + 1}.zip`;
      const file = path.join(place.outDir, rel);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, zip);
      saved.push(rel.split(path.sep).join('/'));
    }
    await this.discard();
    return saved;
  }

  /** The flow passed (or the trace is saved): nothing of it is kept. */
  async discard(): Promise<void> {
    if (this.recording) await this.context.tracing.stop().catch(() => {});
    this.recording = false;
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** What a failed flow saved, or undefined when nothing was. */
export function artefacts(screenshot: string | undefined, traces: string[]): BrowserArtefacts | undefined {
  if (!screenshot && traces.length === 0) return undefined;
  return { ...(screenshot ? { screenshot } : {}), ...(traces.length ? { traces } : {}) };
}

/**
 * A trace with every text entry redacted; an entry that is not UTF-8 text
 * (none without snapshots and screencast) is left out. Undefined when the
 * trace records no action.
 */
function redactedZip(zip: Buffer, redact: (text: string) => string): Buffer | undefined {
  const kept = new Map<string, Buffer>();
  for (const [name, bytes] of readZip(zip)) {
    const text = bytes.toString('utf8');
    if (Buffer.from(text, 'utf8').equals(bytes)) kept.set(name, Buffer.from(redact(text), 'utf8'));
  }
  const actions = [...kept].some(([name, b]) => name.endsWith('.trace') && b.includes('"type":"before"'));
  return actions ? writeZip(kept) : undefined;
}

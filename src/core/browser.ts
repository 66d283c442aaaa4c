/** One browser flow, rendered: every placeholder filled in, the page's URL absolute. */
export interface BrowserRun {
  url: string;
  steps: ({ fill: string; with: string } | { click: string })[];
  /** The flow ends when the browser is sent to a URL starting with this. */
  redirectUri: string;
  /** The whole flow's deadline (the page, its steps and the redirect). */
  timeoutMs: number;
  /** How long one step (open, fill, click) may wait for its page or element. @default 10000, never more than timeoutMs */
  stepTimeoutMs?: number;
  /** A page URL as a message may show it: secrets of its query (a code, a token) blanked by the run's redactor. */
  redactUrl?: (url: string) => string;
  /** Text with the run's known secrets blanked: what a saved trace goes through. */
  redact?: (text: string) => string;
  /** Where a failed flow leaves its screenshot (and trace): absent, nothing is saved. */
  artefacts?: BrowserArtefactPlace;
}

/** Where a failed flow's files go: `<outDir>/<name>-<step>.png`, `name` relative to the reports folder. */
export interface BrowserArtefactPlace {
  /** The run's reports folder (`--out`), absolute. */
  outDir: string;
  /** e.g. `browser/cards-login` (from the card file). */
  name: string;
  /** Record a Playwright trace (`--trace on`); typed values are left out of it. */
  trace: boolean;
}

/** What a failed flow saved, relative to the reports folder (results.json `browserArtefacts`, linked by the HTML report). */
export interface BrowserArtefacts {
  /** A PNG of the page when the step failed; inputs the flow filled and password inputs masked. */
  screenshot?: string;
  /** Playwright traces (`npx playwright show-trace FILE`), one per stretch between filled inputs. */
  traces?: string[];
}

/** The browser a run used and how it was found (the console and results.json say so). */
export interface BrowserUsed {
  executablePath: string;
  /** e.g. `CARDCHECK_CHROMIUM`, `system Chromium`, `Playwright's chromium-1200`. */
  source: string;
}

/** What execute/ needs of a browser (src/browser/ drives Chromium; tests may give another). */
export interface BrowserDriver {
  /** Do the flow in a fresh browser context; resolves with the URL it was redirected to. */
  follow(run: BrowserRun): Promise<string>;
  close(): Promise<void>;
  /** The browser started, once one was. */
  used?(): BrowserUsed | undefined;
}

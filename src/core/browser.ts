/** One browser flow, rendered: every placeholder filled in, the page's URL absolute. */
export interface BrowserRun {
  url: string;
  steps: ({ fill: string; with: string } | { click: string })[];
  /** The flow ends when the browser is sent to a URL starting with this. */
  redirectUri: string;
  timeoutMs: number;
}

/** What execute/ needs of a browser (src/browser/ drives Chromium; tests may give another). */
export interface BrowserDriver {
  /** Do the flow in a fresh browser context; resolves with the URL it was redirected to. */
  follow(run: BrowserRun): Promise<string>;
  close(): Promise<void>;
}

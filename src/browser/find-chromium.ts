import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The variable that names the browser to use; it wins over every place below. */
export const CHROMIUM_VARIABLE = 'CARDCHECK_CHROMIUM';

/** Where a browser was found, and which kind of place that was (shown on the console and in results.json). */
export interface FoundBrowser {
  executablePath: string;
  /** e.g. `CARDCHECK_CHROMIUM`, `Playwright's chromium-1200`, `system Google Chrome`. */
  source: string;
}

/** No browser anywhere: every path looked at, in order, for the message. */
export interface NoBrowser {
  looked: string[];
  /** The variable named a file that is not there. */
  variableMissing?: string;
}

/** What the finder may look at: injected in tests, the real machine otherwise. */
export interface FinderHost {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  exists: (file: string) => boolean;
  /** The names in a folder; empty when it cannot be read. */
  list: (dir: string) => string[];
}

export const realHost = (env: Readonly<Record<string, string | undefined>> = process.env): FinderHost => ({
  platform: process.platform,
  env,
  homedir: os.homedir(),
  exists: existsSync,
  list: (dir) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
});

/** The path module of the platform looked at (Windows paths on a Linux test machine stay Windows paths). */
const pathFor = (platform: NodeJS.Platform) => (platform === 'win32' ? path.win32 : path.posix);

/** Where Playwright keeps the browsers it installed (its registry's rules: PLAYWRIGHT_BROWSERS_PATH, else the OS cache). */
export function playwrightBrowsersDir(host: FinderHost): string | undefined {
  const p = pathFor(host.platform);
  const set = host.env.PLAYWRIGHT_BROWSERS_PATH;
  // "0" means inside the playwright package's folder, which cardcheck does not know: skipped.
  if (set === '0') return undefined;
  if (set) return set;
  if (host.platform === 'darwin') return p.join(host.homedir, 'Library', 'Caches', 'ms-playwright');
  if (host.platform === 'win32')
    return p.join(host.env.LOCALAPPDATA || p.join(host.homedir, 'AppData', 'Local'), 'ms-playwright');
  return p.join(host.env.XDG_CACHE_HOME || p.join(host.homedir, '.cache'), 'ms-playwright');
}

/** The executable inside one of Playwright's chromium folders, newest layout first (Chrome for Testing, then older builds). */
function playwrightExecutables(platform: NodeJS.Platform, dir: string, headlessShell: boolean): string[] {
  const p = pathFor(platform);
  const j = (...parts: string[]) => p.join(dir, ...parts);
  if (headlessShell) {
    if (platform === 'darwin')
      return [
        j('chrome-headless-shell-mac-arm64', 'chrome-headless-shell'),
        j('chrome-headless-shell-mac-x64', 'chrome-headless-shell'),
        j('chrome-mac', 'headless_shell'),
      ];
    if (platform === 'win32')
      return [j('chrome-headless-shell-win64', 'chrome-headless-shell.exe'), j('chrome-win', 'headless_shell.exe')];
    return [
      j('chrome-headless-shell-linux64', 'chrome-headless-shell'),
      j('chrome-headless-shell-linux-arm64', 'chrome-headless-shell'),
      j('chrome-linux', 'headless_shell'),
    ];
  }
  const cft = ['Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing'];
  if (platform === 'darwin')
    return [
      j('chrome-mac-arm64', ...cft),
      j('chrome-mac-x64', ...cft),
      j('chrome-mac', 'Chromium.app', 'Contents', 'MacOS', 'Chromium'),
    ];
  if (platform === 'win32') return [j('chrome-win64', 'chrome.exe'), j('chrome-win', 'chrome.exe')];
  return [j('chrome-linux64', 'chrome'), j('chrome-linux-arm64', 'chrome'), j('chrome-linux', 'chrome')];
}

/** Playwright's installed chromium builds, newest revision first; the full browser before the headless shell. */
function playwrightCandidates(host: FinderHost): [string, string][] {
  const root = playwrightBrowsersDir(host);
  if (!root) return [];
  const p = pathFor(host.platform);
  const revision = (name: string) => Number(name.slice(name.lastIndexOf('-') + 1)) || 0;
  const builds = (prefix: string) =>
    host
      .list(root)
      .filter((n) => n.startsWith(prefix) && /-\d+$/.test(n))
      .sort((a, b) => revision(b) - revision(a));
  const out: [string, string][] = [];
  for (const [prefix, shell] of [
    ['chromium-', false],
    ['chromium_headless_shell-', true],
  ] as const)
    for (const name of builds(prefix))
      for (const exe of playwrightExecutables(host.platform, p.join(root, name), shell))
        out.push([exe, `Playwright's ${name}`]);
  // Nothing installed: the message still says where Playwright would have put it.
  if (out.length === 0) out.push([p.join(root, 'chromium-*'), "Playwright's browsers"]);
  return out;
}

/** The system's Chrome, Chromium and Edge, where their installers put them. */
export function systemCandidates(host: FinderHost): [string, string][] {
  if (host.platform === 'darwin') {
    const app = (name: string, exe = name) => `/Applications/${name}.app/Contents/MacOS/${exe}`;
    const user = (name: string) =>
      path.posix.join(host.homedir, 'Applications', `${name}.app`, 'Contents', 'MacOS', name);
    return [
      [app('Google Chrome'), 'system Google Chrome'],
      [user('Google Chrome'), 'Google Chrome in ~/Applications'],
      [app('Chromium'), 'system Chromium'],
      [app('Microsoft Edge'), 'system Microsoft Edge'],
    ];
  }
  if (host.platform === 'win32') {
    const w = path.win32;
    const roots = [
      host.env.PROGRAMFILES || 'C:\\Program Files',
      host.env['PROGRAMFILES(X86)'] || 'C:\\Program Files (x86)',
      host.env.LOCALAPPDATA || w.join(host.homedir, 'AppData', 'Local'),
    ];
    const out: [string, string][] = [];
    for (const root of roots)
      out.push([w.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'), 'system Google Chrome']);
    for (const root of roots) out.push([w.join(root, 'Chromium', 'Application', 'chrome.exe'), 'system Chromium']);
    for (const root of roots)
      out.push([w.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'), 'system Microsoft Edge']);
    return out;
  }
  return [
    ['/usr/bin/chromium', 'system Chromium'],
    ['/usr/bin/chromium-browser', 'system Chromium'],
    ['/snap/bin/chromium', 'Chromium (snap)'],
    ['/usr/bin/google-chrome', 'system Google Chrome'],
    ['/usr/bin/google-chrome-stable', 'system Google Chrome'],
    ['/usr/bin/microsoft-edge', 'system Microsoft Edge'],
    ['/usr/bin/microsoft-edge-stable', 'system Microsoft Edge'],
  ];
}

/**
 * Find a Chromium the way Playwright users expect: CARDCHECK_CHROMIUM first
 * (a path that is not there is an error, not a reason to look elsewhere),
 * then the browsers Playwright installed (`npx playwright install chromium`),
 * then the system's Chrome, Chromium or Edge.
 */
export function findChromium(host: FinderHost): FoundBrowser | NoBrowser {
  const named = host.env[CHROMIUM_VARIABLE];
  if (named) {
    if (host.exists(named)) return { executablePath: named, source: CHROMIUM_VARIABLE };
    return { looked: [named], variableMissing: named };
  }
  const looked: string[] = [];
  for (const [file, source] of [...playwrightCandidates(host), ...systemCandidates(host)]) {
    if (!file.includes('*') && host.exists(file)) return { executablePath: file, source };
    looked.push(file);
  }
  return { looked };
}

/** How to get a browser, for the platform. */
function installHint(platform: NodeJS.Platform): string {
  const pw = 'or `npx playwright install chromium`';
  if (platform === 'darwin') return `Install Google Chrome ${pw}`;
  if (platform === 'win32') return `Install Google Chrome or Microsoft Edge ${pw}`;
  return `Install a browser (Debian/Ubuntu: \`apt install chromium\`) ${pw}`;
}

/** The message when no browser was found: where it looked, how to install one, the variable to set. */
export function noBrowserMessage(none: NoBrowser, platform: NodeJS.Platform): string {
  if (none.variableMissing)
    return `${CHROMIUM_VARIABLE} names ${none.variableMissing}, which does not exist: set it to a Chromium, Chrome or Edge executable, or unset it to let cardcheck look in the usual places`;
  return `no Chromium, Chrome or Edge found for --browser; looked at: ${none.looked.join(', ')}. ${installHint(platform)}, or set ${CHROMIUM_VARIABLE} to a Chromium binary`;
}

import { describe, expect, it } from 'vitest';
import type { FinderHost } from './find-chromium.js';
import { findChromium, noBrowserMessage } from './find-chromium.js';

/** A machine with only `files` on it (and folders listing what is under them). */
function host(
  platform: NodeJS.Platform,
  files: string[],
  env: Record<string, string> = {},
  homedir = '/home/u',
): FinderHost {
  const sep = platform === 'win32' ? '\\' : '/';
  return {
    platform,
    env,
    homedir,
    exists: (f) => files.includes(f),
    list: (dir) => [
      ...new Set(files.filter((f) => f.startsWith(dir + sep)).map((f) => f.slice(dir.length + 1).split(sep)[0] ?? '')),
    ],
  };
}

describe('findChromium', () => {
  it('takes CARDCHECK_CHROMIUM first, and says so when it names nothing', () => {
    const files = ['/opt/my/chrome', '/usr/bin/chromium'];
    expect(findChromium(host('linux', files, { CARDCHECK_CHROMIUM: '/opt/my/chrome' }))).toEqual({
      executablePath: '/opt/my/chrome',
      source: 'CARDCHECK_CHROMIUM',
    });
    const none = findChromium(host('linux', files, { CARDCHECK_CHROMIUM: '/nope/chrome' }));
    expect(none).toEqual({ looked: ['/nope/chrome'], variableMissing: '/nope/chrome' });
    if ('looked' in none)
      expect(noBrowserMessage(none, 'linux')).toBe(
        'CARDCHECK_CHROMIUM names /nope/chrome, which does not exist: set it to a Chromium, Chrome or Edge executable, or unset it to let cardcheck look in the usual places',
      );
  });

  it("on Linux: Playwright's newest chromium before the system's, then Chromium, Chrome, Edge", () => {
    const pw = '/home/u/.cache/ms-playwright';
    const files = [
      `${pw}/chromium-1100/chrome-linux/chrome`,
      `${pw}/chromium-1200/chrome-linux64/chrome`,
      `${pw}/chromium_headless_shell-1200/chrome-headless-shell-linux64/chrome-headless-shell`,
      '/usr/bin/google-chrome',
    ];
    expect(findChromium(host('linux', files))).toEqual({
      executablePath: `${pw}/chromium-1200/chrome-linux64/chrome`,
      source: "Playwright's chromium-1200",
    });
    // Only the headless shell installed (`npx playwright install --only-shell`).
    expect(findChromium(host('linux', [files[2] ?? '']))).toMatchObject({
      source: "Playwright's chromium_headless_shell-1200",
    });
    expect(findChromium(host('linux', ['/usr/bin/google-chrome', '/usr/bin/microsoft-edge']))).toEqual({
      executablePath: '/usr/bin/google-chrome',
      source: 'system Google Chrome',
    });
    for (const [file, source] of [
      ['/usr/bin/chromium', 'system Chromium'],
      ['/usr/bin/chromium-browser', 'system Chromium'],
      ['/snap/bin/chromium', 'Chromium (snap)'],
      ['/usr/bin/google-chrome-stable', 'system Google Chrome'],
      ['/usr/bin/microsoft-edge', 'system Microsoft Edge'],
    ])
      expect(findChromium(host('linux', [file as string]))).toEqual({ executablePath: file, source });
  });

  it('follows PLAYWRIGHT_BROWSERS_PATH and XDG_CACHE_HOME as Playwright does', () => {
    const file = '/srv/pw/chromium-1300/chrome-linux64/chrome';
    expect(findChromium(host('linux', [file], { PLAYWRIGHT_BROWSERS_PATH: '/srv/pw' }))).toMatchObject({
      executablePath: file,
    });
    const xdg = '/x/cache/ms-playwright/chromium-1300/chrome-linux64/chrome';
    expect(findChromium(host('linux', [xdg], { XDG_CACHE_HOME: '/x/cache' }))).toMatchObject({ executablePath: xdg });
  });

  it("on macOS: Playwright's Chrome for Testing, then /Applications' Chrome, Chromium, Edge", () => {
    const pw =
      '/Users/u/Library/Caches/ms-playwright/chromium-1200/chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing';
    expect(findChromium(host('darwin', [pw], {}, '/Users/u'))).toMatchObject({ executablePath: pw });
    const old = '/Users/u/Library/Caches/ms-playwright/chromium-1000/chrome-mac/Chromium.app/Contents/MacOS/Chromium';
    expect(findChromium(host('darwin', [old], {}, '/Users/u'))).toMatchObject({ executablePath: old });
    for (const [file, source] of [
      ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', 'system Google Chrome'],
      ['/Applications/Chromium.app/Contents/MacOS/Chromium', 'system Chromium'],
      ['/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge', 'system Microsoft Edge'],
    ])
      expect(findChromium(host('darwin', [file as string], {}, '/Users/u'))).toEqual({ executablePath: file, source });
  });

  it("on Windows: Playwright's chrome-win64 under LOCALAPPDATA, then Program Files' Chrome, Chromium, Edge", () => {
    const env = {
      LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local',
      PROGRAMFILES: 'C:\\Program Files',
      'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
    };
    const pw = 'C:\\Users\\u\\AppData\\Local\\ms-playwright\\chromium-1200\\chrome-win64\\chrome.exe';
    expect(findChromium(host('win32', [pw], env, 'C:\\Users\\u'))).toMatchObject({ executablePath: pw });
    for (const [file, source] of [
      ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'system Google Chrome'],
      ['C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe', 'system Google Chrome'],
      ['C:\\Users\\u\\AppData\\Local\\Chromium\\Application\\chrome.exe', 'system Chromium'],
      ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', 'system Microsoft Edge'],
    ])
      expect(findChromium(host('win32', [file as string], env, 'C:\\Users\\u'))).toEqual({
        executablePath: file,
        source,
      });
  });

  it('with nothing found, lists where it looked and how to install one', () => {
    const none = findChromium(host('linux', []));
    expect('looked' in none && none.looked).toEqual([
      '/home/u/.cache/ms-playwright/chromium-*',
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/snap/bin/chromium',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/usr/bin/microsoft-edge',
      '/usr/bin/microsoft-edge-stable',
    ]);
    if ('looked' in none)
      expect(noBrowserMessage(none, 'linux')).toBe(
        'no Chromium, Chrome or Edge found for --browser; looked at: /home/u/.cache/ms-playwright/chromium-*, /usr/bin/chromium, /usr/bin/chromium-browser, /snap/bin/chromium, /usr/bin/google-chrome, /usr/bin/google-chrome-stable, /usr/bin/microsoft-edge, /usr/bin/microsoft-edge-stable. Install a browser (Debian/Ubuntu: `apt install chromium`) or `npx playwright install chromium`, or set CARDCHECK_CHROMIUM to a Chromium binary',
      );
    const mac = findChromium(host('darwin', [], {}, '/Users/u'));
    if ('looked' in mac)
      expect(noBrowserMessage(mac, 'darwin')).toContain('Install Google Chrome or `npx playwright install chromium`');
  });
});

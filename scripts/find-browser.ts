import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Set it to use a particular Chrome or Chromium; the browser tests then use nothing else. */
export const BROWSER_ENV = 'PLAYWRIGHT_CHROMIUM_EXECUTABLE';

const SYSTEM_CHROMIUMS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export interface FoundBrowser {
  /** undefined: Playwright's own download, launched the default way. */
  executablePath: string | undefined;
  source: string;
}

export class BrowserNotFoundError extends Error {}

const MISSING =
  `No Chromium for the browser tests: install Debian's chromium (apt-get install chromium), ` +
  `or Playwright's (npx playwright install chromium), or set ${BROWSER_ENV}=/path/to/chrome.`;

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function firstSystemChromium(): string | undefined {
  return SYSTEM_CHROMIUMS.find(executable);
}

/**
 * The Chromium the browser tests run in, found (or installed) once per run and remembered in
 * BROWSER_ENV, so Playwright's workers (which load the config again) find it at once:
 * 1. BROWSER_ENV when set (it must exist);
 * 2. Playwright's own browser, if it was downloaded;
 * 3. a system Chromium or Chrome (Debian's `chromium` package: /usr/bin/chromium);
 * 4. as root with apt-get: Debian's `chromium` package, installed now (works without internet
 *    beyond the package mirror); otherwise Playwright's own download;
 * 5. else one line saying what to install.
 */
export function findBrowser(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): FoundBrowser {
  const configured = process.env[BROWSER_ENV]?.trim();
  if (configured) {
    if (!executable(configured))
      throw new BrowserNotFoundError(`${BROWSER_ENV}=${configured} is not an executable file.`);
    return { executablePath: configured, source: BROWSER_ENV };
  }
  const remember = (found: FoundBrowser): FoundBrowser => {
    process.env[BROWSER_ENV] = found.executablePath ?? chromium.executablePath();
    return found;
  };
  if (existsSync(chromium.executablePath()))
    return remember({ executablePath: undefined, source: "Playwright's Chromium" });
  const system = firstSystemChromium();
  if (system) return remember({ executablePath: system, source: 'system Chromium' });

  if (isRoot() && hasCommand('apt-get')) {
    log("Browser tests: no Chromium found; installing Debian's chromium package (apt-get install chromium)…");
    try {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', timeout: 300_000 });
      execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
        stdio: 'ignore',
        timeout: 600_000,
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    } catch {
      // Falls through to the one-line message below.
    }
    const installed = firstSystemChromium();
    if (installed) return remember({ executablePath: installed, source: "Debian's chromium, installed now" });
  } else {
    log("Browser tests: no Chromium found; downloading Playwright's (npx playwright install chromium)…");
    const download = spawnSync(process.execPath, [require.resolve('@playwright/test/cli'), 'install', 'chromium'], {
      stdio: 'ignore',
      timeout: 600_000,
    });
    if (download.status === 0 && existsSync(chromium.executablePath()))
      return remember({ executablePath: undefined, source: "Playwright's Chromium, downloaded now" });
  }
  throw new BrowserNotFoundError(MISSING);
}

/**
 * Chromium's flags for the tests: no sandbox for root (Chromium refuses to start otherwise), and
 * nothing that reaches out on its own (updates, sync, safe-browsing lists).
 */
export function browserArgs(): string[] {
  return [
    ...(isRoot() ? ['--no-sandbox'] : []),
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
  ];
}

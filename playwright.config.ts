import { defineConfig, devices } from '@playwright/test';
import { browserArgs, BrowserNotFoundError, findBrowser } from './scripts/find-browser';

/**
 * The browser tests (apps/web/e2e): each person's journey in a real Chromium against the real API
 * (the built web app served by it) on a test database and the machine's Redis — see
 * apps/web/e2e/global-setup.ts. `npm test` runs them after Jest and Vitest; they never skip.
 */
function browser() {
  try {
    return findBrowser();
  } catch (error) {
    if (!(error instanceof BrowserNotFoundError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

const found = browser();
export const OUT = '.ci/out';

export default defineConfig({
  testDir: 'apps/web/e2e',
  testMatch: '**/*.pw.ts',
  tsconfig: './apps/web/e2e/tsconfig.json',
  globalSetup: './apps/web/e2e/global-setup.ts',
  outputDir: `${OUT}/playwright`,
  // Two files at a time: most of a journey's time is waiting (live events, the incident page's polling, the
  // worker's deadline countdowns), not CPU, so two browsers against the one API under test halve the run's length
  // on two cores (30 journeys took 19 min one at a time). Tests within a file stay in order.
  workers: 2,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: `${OUT}/playwright.json` }]],
  use: {
    // Phone first (the outreach worker's screen); tests take desktop screenshots as well.
    ...devices['Desktop Chrome'],
    viewport: { width: 360, height: 740 },
    locale: 'en-US',
    timezoneId: 'America/Chicago',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { ...(found.executablePath ? { executablePath: found.executablePath } : {}), args: browserArgs() },
  },
  projects: [{ name: 'chromium' }],
});

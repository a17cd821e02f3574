/** How global-setup.ts tells the tests where the servers are (workers inherit its environment). */
export const E2E_ENV = {
  url: 'ACCORD_E2E_URL',
  demoUrl: 'ACCORD_E2E_DEMO_URL',
  apiEnv: 'ACCORD_E2E_API_ENV',
  mailDir: 'ACCORD_E2E_MAIL_DIR',
} as const;

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: run the browser tests with \`npx playwright test\` (global-setup.ts starts the servers)`,
    );
  return value;
}

/** The production-like API (test database, Redis) every test talks to. */
export const testServerUrl = () => required(E2E_ENV.url);
/** The embedded demo city, as `npm start` runs it. */
export const demoServerUrl = () => required(E2E_ENV.demoUrl);
/** The environment the test API runs with (the CLI needs the same database and keys). */
export const testServerEnv = () => JSON.parse(required(E2E_ENV.apiEnv)) as Record<string, string>;
/** Where the test API's SMTP sink writes each message it accepts (one JSON file per message). */
export const testMailDir = () => required(E2E_ENV.mailDir);

import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.isEmbeddedDatabase).toBe(true);
    expect(config.runWorkerInProcess).toBe(true);
    expect(config.auditCheckpointIntervalSeconds).toBe(30);
  });

  it('names every bad variable without echoing its value', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://secret-password@host/db', RUN_WORKER_IN_PROCESS: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT must be a whole number');
    expect(message).toContain('DATABASE_URL must be a postgres:// URL');
    expect(message).toContain('RUN_WORKER_IN_PROCESS must be true or false');
    expect(message).not.toContain('secret-password');
  });

  it('parses "false" as false', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', RUN_WORKER_IN_PROCESS: 'false' }).runWorkerInProcess).toBe(false);
  });

  it('refuses production without a real database or a signing key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL is required in production[\s\S]*AUDIT_SIGNING_KEY is required/);
  });

  it('refuses to leave jobs without a runner', () => {
    expect(() => loadConfig({ RUN_WORKER_IN_PROCESS: 'false' })).toThrow(/RUN_WORKER_IN_PROCESS cannot be false/);
  });
});

import { AppConfig, CONFIG_VARIABLES, ConfigError, type ConfigVariable, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.isEmbeddedDatabase).toBe(true);
    expect(config.runWorkerInProcess).toBe(true);
    expect(config.auditCheckpointIntervalSeconds).toBe(30);
  });

  it('declares each variable once, on its own property', () => {
    const names = CONFIG_VARIABLES.map((v) => v.name);
    const properties = CONFIG_VARIABLES.map((v) => v.property);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(properties).size).toBe(properties.length);
  });

  it('loads exactly the table: every plain default as declared, nothing but the table and the database mode', () => {
    const config = loadConfig({});
    for (const variable of CONFIG_VARIABLES as readonly ConfigVariable[]) {
      if (typeof variable.default !== 'function')
        expect([variable.name, config[variable.property as keyof AppConfig]]).toEqual([
          variable.name,
          variable.default,
        ]);
    }
    expect(Object.keys(config).sort()).toEqual([...CONFIG_VARIABLES.map((v) => v.property), 'databaseMode'].sort());
  });

  it('computes a default from the variables declared above it', () => {
    expect(loadConfig({ PORT: '8080' }).publicBaseUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).runWorkerInProcess).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).publicDiagnostics).toBe(true);
  });

  it('validates a parsed value against its row and names the variable, not the property', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must not be greater than 65535/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of the following values/);
    expect(loadConfig({ BODY_LIMIT: '2MB', PUBLIC_BASE_URL: 'https://accord.example.org/' })).toMatchObject({
      bodyLimit: '2mb',
      publicBaseUrl: 'https://accord.example.org',
    });
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
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', RUN_WORKER_IN_PROCESS: 'false' }).runWorkerInProcess).toBe(
      false,
    );
  });

  it('refuses production without a real database or a signing key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /DATABASE_URL is required in production[\s\S]*AUDIT_SIGNING_KEY is required/,
    );
  });

  it('refuses to leave jobs without a runner', () => {
    expect(() => loadConfig({ RUN_WORKER_IN_PROCESS: 'false' })).toThrow(/RUN_WORKER_IN_PROCESS cannot be false/);
  });

  it('defaults identity settings to the OWASP argon2id floor and a 30-minute idle timeout', () => {
    const config = loadConfig({});
    expect(config.sessionIdleMinutes).toBe(30);
    expect([config.passwordHashMemoryKib, config.passwordHashIterations, config.passwordHashParallelism]).toEqual([
      19456, 2, 1,
    ]);
    expect(config.publicBaseUrl).toBe('http://127.0.0.1:3000');
  });

  it('refuses argon2id parameters below the floor and idle timeouts outside 15-30 minutes', () => {
    expect(() => loadConfig({ PASSWORD_HASH_MEMORY_KIB: '4096' })).toThrow(/PASSWORD_HASH_MEMORY_KIB/);
    expect(() => loadConfig({ PASSWORD_HASH_ITERATIONS: '1' })).toThrow(/PASSWORD_HASH_ITERATIONS/);
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '60' })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '10' })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(loadConfig({ SESSION_IDLE_MINUTES: '15' }).sessionIdleMinutes).toBe(15);
  });

  it('accepts only a 32-byte base64 data encryption key, and requires one in production', () => {
    expect(() => loadConfig({ DATA_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(
      /DATA_ENCRYPTION_KEY must be the base64 of exactly 32 bytes/,
    );
    expect(loadConfig({ DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') }).dataEncryptionKey).toBeDefined();
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATA_ENCRYPTION_KEY is required in production/);
  });

  it('keeps the inbox stream heartbeat between 1 and 60 seconds, 25 by default', () => {
    expect(loadConfig({}).inboxStreamHeartbeatSeconds).toBe(25);
    expect(loadConfig({ INBOX_STREAM_HEARTBEAT_SECONDS: '1' }).inboxStreamHeartbeatSeconds).toBe(1);
    expect(() => loadConfig({ INBOX_STREAM_HEARTBEAT_SECONDS: '0' })).toThrow(/INBOX_STREAM_HEARTBEAT_SECONDS/);
    expect(() => loadConfig({ INBOX_STREAM_HEARTBEAT_SECONDS: '120' })).toThrow(/INBOX_STREAM_HEARTBEAT_SECONDS/);
  });
});

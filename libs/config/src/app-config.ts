import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

export type RuntimeEnvironment = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * Every setting Accord reads, validated once at boot. Services receive this object through
 * dependency injection and never read `process.env` themselves, so the README's table of
 * variables (see `CONFIG_VARIABLES`) is the whole truth about configuration.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  nodeEnv!: RuntimeEnvironment;

  @IsString()
  host!: string;

  @IsInt()
  @Min(0)
  @Max(65535)
  port!: number;

  /** Connection of the least-privileged application role. Absent → embedded PostgreSQL. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  databaseUrl?: string;

  /** Connection of the schema owner; when set, migrations run at start under an advisory lock. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  databaseMigrationUrl?: string;

  @IsInt()
  @Min(1)
  @Max(200)
  databasePoolSize!: number;

  /** How long a request waits for a database connection before answering 503. */
  @IsInt()
  @Min(100)
  @Max(60000)
  databaseConnectTimeoutMs!: number;

  @IsInt()
  @Min(100)
  @Max(600000)
  databaseStatementTimeoutMs!: number;

  /** Absent → jobs run in-process, driven by the outbox table. */
  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// or rediss:// URL' })
  redisUrl?: string;

  /** Prefix of every Redis key (queues, pub/sub channels, rate limits). */
  @Matches(/^[a-z0-9_-]{1,80}$/, { message: 'must be 1-80 characters of a-z, 0-9, _ and -' })
  redisKeyPrefix!: string;

  /** Run the job processors inside the API process (always so without Redis). */
  @IsBoolean()
  runWorkerInProcess!: boolean;

  /**
   * Whether anonymous callers get /health's per-dependency details and the API docs (/api/docs).
   * Off by default in production, where an anonymous caller learns up/degraded/down only.
   */
  @IsBoolean()
  publicDiagnostics!: boolean;

  @IsString()
  embeddedDataDir!: string;

  @IsInt()
  @Min(1024)
  @Max(65535)
  embeddedPostgresPort!: number;

  /** Ed25519 private key (PKCS#8 PEM, or its base64) that signs audit checkpoints. */
  @IsOptional()
  @IsString()
  auditSigningKey?: string;

  @IsInt()
  @Min(5)
  @Max(60)
  auditCheckpointIntervalSeconds!: number;

  @Matches(/^\d+(b|kb|mb)$/, { message: 'must look like 100kb' })
  bodyLimit!: string;

  /** Comma-separated proxy addresses/CIDRs whose X-Forwarded-For is believed. */
  @IsString()
  trustedProxies!: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  logLevel!: LogLevel;

  /** Base URL people reach Accord at; enrollment links are built from it. */
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http:// or https:// URL' })
  publicBaseUrl!: string;

  /** AES-256-GCM key (base64 of 32 bytes) for secrets at rest, e.g. TOTP seeds. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be the base64 of exactly 32 bytes' })
  dataEncryptionKey?: string;

  /** Key ring `id:base64,id:base64` (the first seals, all open); DATA_ENCRYPTION_KEY joins it as an old key. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*$/, {
    message: 'must be id:base64-of-32-bytes entries separated by commas',
  })
  dataEncryptionKeys?: string;

  /** CJIS AC-11: a session unused this long ends; 30 at most, 15 at least. */
  @IsInt()
  @Min(15)
  @Max(30)
  sessionIdleMinutes!: number;

  /** argon2id parameters; the floor is OWASP's (m=19 MiB, t=2, p=1). */
  @IsInt()
  @Min(19456)
  @Max(1048576)
  passwordHashMemoryKib!: number;

  @IsInt()
  @Min(2)
  @Max(20)
  passwordHashIterations!: number;

  @IsInt()
  @Min(1)
  @Max(16)
  passwordHashParallelism!: number;

  /** At most this many hashes at once per process, so a login burst cannot exhaust memory. */
  @IsInt()
  @Min(1)
  @Max(64)
  passwordHashConcurrency!: number;

  /** Login attempts allowed per source address and window before 429. */
  @IsInt()
  @Min(1)
  @Max(100000)
  loginThrottleMaxAttempts!: number;

  @IsInt()
  @Min(1)
  @Max(86400)
  loginThrottleWindowSeconds!: number;

  /** SMTP server for the content-free alert e-mails (smtp:// or smtps://, may carry credentials). Absent → no e-mail. */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'must be an smtp:// or smtps:// URL' })
  smtpUrl?: string;

  /** Sender of those e-mails; one line, so it cannot smuggle in a header. */
  @Matches(/^[^\r\n]{3,200}$/, { message: 'must be one line of 3-200 characters' })
  mailFrom!: string;

  /** Seconds between keep-alive comments on an inbox stream; the session is re-checked at each. */
  @IsInt()
  @Min(1)
  @Max(60)
  inboxStreamHeartbeatSeconds!: number;

  /**
   * Decided from the environment at load time. The launcher later fills `databaseUrl` with the
   * embedded server's address, but the mode (and the banner's warning) stays.
   */
  @IsIn(['embedded', 'external'])
  databaseMode!: 'embedded' | 'external';

  get isEmbeddedDatabase(): boolean {
    return this.databaseMode === 'embedded';
  }

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }
}

export interface ConfigVariable {
  name: string;
  type: string;
  default: string;
  meaning: string;
}

/** The README's environment table is generated from this list; keep them together. */
export const CONFIG_VARIABLES: ConfigVariable[] = [
  {
    name: 'NODE_ENV',
    type: 'development, test or production',
    default: 'development',
    meaning: 'Runtime environment. Production refuses an embedded database and a missing signing key.',
  },
  {
    name: 'HOST',
    type: 'string',
    default: '127.0.0.1',
    meaning: 'Address the API listens on (0.0.0.0 in containers).',
  },
  { name: 'PORT', type: 'integer', default: '3000', meaning: 'HTTP port of the API.' },
  {
    name: 'DATABASE_URL',
    type: 'postgres URL',
    default: '(none: embedded PostgreSQL)',
    meaning:
      'Connection of the application role (least privilege: SELECT only on audit tables, appends through the audit functions).',
  },
  {
    name: 'DATABASE_MIGRATION_URL',
    type: 'postgres URL',
    default: '(none)',
    meaning: 'Connection of the schema owner. When set, migrations run at start under an advisory lock.',
  },
  { name: 'DATABASE_POOL_SIZE', type: 'integer', default: '10', meaning: 'Connections per process.' },
  {
    name: 'DATABASE_CONNECT_TIMEOUT_MS',
    type: 'integer',
    default: '2000',
    meaning: 'Wait for a connection before failing the request with 503.',
  },
  {
    name: 'DATABASE_STATEMENT_TIMEOUT_MS',
    type: 'integer',
    default: '15000',
    meaning: 'Server-side statement timeout of the application role.',
  },
  {
    name: 'REDIS_URL',
    type: 'redis URL',
    default: '(none: jobs run in-process)',
    meaning: 'Redis for BullMQ queues and server-sent-event fan-out.',
  },
  { name: 'REDIS_KEY_PREFIX', type: 'string', default: 'accord', meaning: 'Prefix of every Redis key.' },
  {
    name: 'RUN_WORKER_IN_PROCESS',
    type: 'boolean',
    default: 'true without REDIS_URL, else false',
    meaning: 'Run job processors inside the API process.',
  },
  {
    name: 'EMBEDDED_DATA_DIR',
    type: 'path',
    default: './var',
    meaning: 'Where the embedded PostgreSQL and the development signing key live.',
  },
  {
    name: 'EMBEDDED_POSTGRES_PORT',
    type: 'integer',
    default: '54329',
    meaning: 'Port of the embedded PostgreSQL (bound to 127.0.0.1).',
  },
  {
    name: 'AUDIT_SIGNING_KEY',
    type: 'PEM or base64',
    default: '(development: generated under EMBEDDED_DATA_DIR)',
    meaning: 'Ed25519 private key (PKCS#8) that signs audit checkpoints. Required in production.',
  },
  {
    name: 'AUDIT_CHECKPOINT_INTERVAL_SECONDS',
    type: 'integer 5-60',
    default: '30',
    meaning: 'How often the head of each active audit stream is signed.',
  },
  {
    name: 'BODY_LIMIT',
    type: 'size',
    default: '100kb',
    meaning: 'Largest accepted request body; larger bodies get 413.',
  },
  {
    name: 'TRUSTED_PROXIES',
    type: 'comma list',
    default: '(empty: none)',
    meaning: 'Proxies whose X-Forwarded-For is believed; otherwise the socket address is the source.',
  },
  {
    name: 'LOG_LEVEL',
    type: 'fatal, error, warn, info, debug, trace or silent',
    default: 'info',
    meaning: 'Log level of the structured logs.',
  },
  {
    name: 'PUBLIC_BASE_URL',
    type: 'URL',
    default: 'http://127.0.0.1:3000',
    meaning: 'Address people reach Accord at; one-time enrollment links start with it.',
  },
  {
    name: 'DATA_ENCRYPTION_KEY',
    type: 'base64 of 32 bytes',
    default: '(development: generated under EMBEDDED_DATA_DIR)',
    meaning: 'AES-256-GCM key for secrets at rest (TOTP seeds). Required in production.',
  },
  {
    name: 'DATA_ENCRYPTION_KEYS',
    type: 'id:base64 list',
    default: '(none)',
    meaning:
      'Key ring for personal data at rest: the first key seals, every key opens; rotate by putting a new key first, then run `accord referrals rotate-keys`.',
  },
  {
    name: 'SESSION_IDLE_MINUTES',
    type: 'integer 15-30',
    default: '30',
    meaning: 'A session unused this long ends (sessions end after 12 hours regardless).',
  },
  {
    name: 'PASSWORD_HASH_MEMORY_KIB',
    type: 'integer >= 19456',
    default: '19456',
    meaning: 'argon2id memory cost; hashes made with other parameters are upgraded at the next login.',
  },
  { name: 'PASSWORD_HASH_ITERATIONS', type: 'integer >= 2', default: '2', meaning: 'argon2id time cost.' },
  { name: 'PASSWORD_HASH_PARALLELISM', type: 'integer >= 1', default: '1', meaning: 'argon2id parallelism.' },
  {
    name: 'PASSWORD_HASH_CONCURRENCY',
    type: 'integer 1-64',
    default: '4',
    meaning: 'Password hashes computed at once per process; further logins wait their turn.',
  },
  {
    name: 'LOGIN_THROTTLE_MAX_ATTEMPTS',
    type: 'integer',
    default: '20',
    meaning: 'Login attempts per source address and window before 429 (shared through Redis when REDIS_URL is set).',
  },
  {
    name: 'LOGIN_THROTTLE_WINDOW_SECONDS',
    type: 'integer',
    default: '300',
    meaning: 'Length of the login throttle window.',
  },
  {
    name: 'SMTP_URL',
    type: 'smtp(s) URL',
    default: '(none: e-mail disabled)',
    meaning:
      'SMTP server for alert e-mails, which say only that something new waits in Accord (no content, names or places).',
  },
  {
    name: 'MAIL_FROM',
    type: 'string',
    default: 'Accord <no-reply@accord.invalid>',
    meaning: 'Sender address of the alert e-mails.',
  },
  {
    name: 'PUBLIC_DIAGNOSTICS',
    type: 'boolean',
    default: 'false in production, else true',
    meaning:
      "Serve /health's per-dependency details and the API docs (/api/docs) to anyone; when false /health answers only its status (ok, degraded, down) and there are no docs.",
  },
  {
    name: 'INBOX_STREAM_HEARTBEAT_SECONDS',
    type: 'integer 1-60',
    default: '25',
    meaning:
      'Keep-alive interval of the inbox event stream; a logged-out or idle session ends the stream at the next one.',
  },
];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const PROPERTY_TO_VARIABLE: Record<string, string> = {
  nodeEnv: 'NODE_ENV',
  host: 'HOST',
  port: 'PORT',
  databaseUrl: 'DATABASE_URL',
  databaseMigrationUrl: 'DATABASE_MIGRATION_URL',
  databasePoolSize: 'DATABASE_POOL_SIZE',
  databaseConnectTimeoutMs: 'DATABASE_CONNECT_TIMEOUT_MS',
  databaseStatementTimeoutMs: 'DATABASE_STATEMENT_TIMEOUT_MS',
  redisUrl: 'REDIS_URL',
  redisKeyPrefix: 'REDIS_KEY_PREFIX',
  runWorkerInProcess: 'RUN_WORKER_IN_PROCESS',
  publicDiagnostics: 'PUBLIC_DIAGNOSTICS',
  embeddedDataDir: 'EMBEDDED_DATA_DIR',
  embeddedPostgresPort: 'EMBEDDED_POSTGRES_PORT',
  auditSigningKey: 'AUDIT_SIGNING_KEY',
  auditCheckpointIntervalSeconds: 'AUDIT_CHECKPOINT_INTERVAL_SECONDS',
  bodyLimit: 'BODY_LIMIT',
  trustedProxies: 'TRUSTED_PROXIES',
  logLevel: 'LOG_LEVEL',
  publicBaseUrl: 'PUBLIC_BASE_URL',
  dataEncryptionKey: 'DATA_ENCRYPTION_KEY',
  dataEncryptionKeys: 'DATA_ENCRYPTION_KEYS',
  sessionIdleMinutes: 'SESSION_IDLE_MINUTES',
  passwordHashMemoryKib: 'PASSWORD_HASH_MEMORY_KIB',
  passwordHashIterations: 'PASSWORD_HASH_ITERATIONS',
  passwordHashParallelism: 'PASSWORD_HASH_PARALLELISM',
  passwordHashConcurrency: 'PASSWORD_HASH_CONCURRENCY',
  loginThrottleMaxAttempts: 'LOGIN_THROTTLE_MAX_ATTEMPTS',
  loginThrottleWindowSeconds: 'LOGIN_THROTTLE_WINDOW_SECONDS',
  smtpUrl: 'SMTP_URL',
  mailFrom: 'MAIL_FROM',
  inboxStreamHeartbeatSeconds: 'INBOX_STREAM_HEARTBEAT_SECONDS',
};

/**
 * Reads and validates the environment. Throws a ConfigError that names every bad variable;
 * the values themselves are never echoed (a URL may carry a password).
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const integer = (name: string, fallback: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    if (!/^-?\d+$/.test(raw)) {
      problems.push(`${name} must be a whole number`);
      return fallback;
    }
    return Number(raw);
  };
  // Explicit boolean parsing: only these spellings count, so "false" is never truthy.
  const boolean = (name: string, fallback: boolean): boolean => {
    const raw = text(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (raw === 'true' || raw === '1' || raw === 'yes') return true;
    if (raw === 'false' || raw === '0' || raw === 'no') return false;
    problems.push(`${name} must be true or false`);
    return fallback;
  };

  const config = new AppConfig();
  config.nodeEnv = (text('NODE_ENV') ?? 'development') as RuntimeEnvironment;
  config.host = text('HOST') ?? '127.0.0.1';
  config.port = integer('PORT', 3000);
  config.databaseUrl = text('DATABASE_URL');
  config.databaseMigrationUrl = text('DATABASE_MIGRATION_URL');
  config.databaseMode = config.databaseUrl === undefined ? 'embedded' : 'external';
  config.databasePoolSize = integer('DATABASE_POOL_SIZE', 10);
  config.databaseConnectTimeoutMs = integer('DATABASE_CONNECT_TIMEOUT_MS', 2000);
  config.databaseStatementTimeoutMs = integer('DATABASE_STATEMENT_TIMEOUT_MS', 15000);
  config.redisUrl = text('REDIS_URL');
  config.redisKeyPrefix = text('REDIS_KEY_PREFIX') ?? 'accord';
  config.runWorkerInProcess = boolean('RUN_WORKER_IN_PROCESS', config.redisUrl === undefined);
  config.embeddedDataDir = text('EMBEDDED_DATA_DIR') ?? './var';
  config.embeddedPostgresPort = integer('EMBEDDED_POSTGRES_PORT', 54329);
  config.auditSigningKey = text('AUDIT_SIGNING_KEY');
  config.auditCheckpointIntervalSeconds = integer('AUDIT_CHECKPOINT_INTERVAL_SECONDS', 30);
  config.bodyLimit = (text('BODY_LIMIT') ?? '100kb').toLowerCase();
  config.trustedProxies = text('TRUSTED_PROXIES') ?? '';
  config.logLevel = (text('LOG_LEVEL') ?? 'info') as LogLevel;
  config.publicBaseUrl = (text('PUBLIC_BASE_URL') ?? `http://127.0.0.1:${config.port}`).replace(/\/+$/, '');
  config.dataEncryptionKey = text('DATA_ENCRYPTION_KEY');
  config.dataEncryptionKeys = text('DATA_ENCRYPTION_KEYS');
  config.sessionIdleMinutes = integer('SESSION_IDLE_MINUTES', 30);
  config.passwordHashMemoryKib = integer('PASSWORD_HASH_MEMORY_KIB', 19456);
  config.passwordHashIterations = integer('PASSWORD_HASH_ITERATIONS', 2);
  config.passwordHashParallelism = integer('PASSWORD_HASH_PARALLELISM', 1);
  config.passwordHashConcurrency = integer('PASSWORD_HASH_CONCURRENCY', 4);
  config.loginThrottleMaxAttempts = integer('LOGIN_THROTTLE_MAX_ATTEMPTS', 20);
  config.loginThrottleWindowSeconds = integer('LOGIN_THROTTLE_WINDOW_SECONDS', 300);
  config.smtpUrl = text('SMTP_URL');
  config.mailFrom = env.MAIL_FROM?.trim() || 'Accord <no-reply@accord.invalid>';
  config.inboxStreamHeartbeatSeconds = integer('INBOX_STREAM_HEARTBEAT_SECONDS', 25);
  config.publicDiagnostics = boolean('PUBLIC_DIAGNOSTICS', !config.isProduction);

  for (const error of validateSync(config)) {
    const variable = PROPERTY_TO_VARIABLE[error.property] ?? error.property;
    const reasons = Object.values(error.constraints ?? {}).map((r) => r.replace(new RegExp(`^${error.property} `), ''));
    problems.push(`${variable} ${reasons.join('; ')}`);
  }
  if (config.isProduction && config.databaseUrl === undefined) {
    problems.push('DATABASE_URL is required in production (the embedded database is for trying Accord only)');
  }
  if (config.isProduction && config.auditSigningKey === undefined) {
    problems.push('AUDIT_SIGNING_KEY is required in production');
  }
  if (config.isProduction && config.dataEncryptionKey === undefined && config.dataEncryptionKeys === undefined) {
    problems.push('DATA_ENCRYPTION_KEY is required in production');
  }
  if (!config.runWorkerInProcess && config.redisUrl === undefined) {
    problems.push('RUN_WORKER_IN_PROCESS cannot be false without REDIS_URL (nothing else would run the jobs)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

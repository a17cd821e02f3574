import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

export const RUNTIME_ENVIRONMENTS = ['development', 'test', 'production'] as const;
export type RuntimeEnvironment = (typeof RUNTIME_ENVIRONMENTS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A parse failure. Its reason follows the variable's name and never quotes the value (a URL may carry a password). */
class Invalid {
  constructor(readonly reason: string) {}
}

/** How one variable's text becomes a value, what class-validator then checks, and how the docs describe it. */
export interface Kind<T> {
  /** The README's type column. */
  readonly type: string;
  /** Turns the trimmed, non-empty text into a value (or an Invalid naming no value). */
  readonly parse: (raw: string) => T | Invalid;
  /** class-validator rules the parsed value must pass; applied to AppConfig's property. */
  readonly rules: PropertyDecorator[];
}

function integer(min: number, max: number, type = `integer ${min}-${max}`): Kind<number> {
  return {
    type,
    parse: (raw) => (/^-?\d+$/.test(raw) ? Number(raw) : new Invalid('must be a whole number')),
    rules: [IsInt(), Min(min), Max(max)],
  };
}

function text(type: string, pattern?: RegExp, message?: string, normalize = (raw: string) => raw): Kind<string> {
  return {
    type,
    parse: normalize,
    rules: pattern === undefined ? [IsString()] : [Matches(pattern, message === undefined ? {} : { message })],
  };
}

// Explicit boolean parsing: only these spellings count, so "false" is never truthy.
const boolean: Kind<boolean> = {
  type: 'boolean',
  parse: (raw) => {
    const spelled = raw.toLowerCase();
    if (spelled === 'true' || spelled === '1' || spelled === 'yes') return true;
    if (spelled === 'false' || spelled === '0' || spelled === 'no') return false;
    return new Invalid('must be true or false');
  },
  rules: [IsBoolean()],
};

function oneOf<const T extends string>(values: readonly T[]): Kind<T> {
  return {
    type: `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`,
    parse: (raw) => raw as T,
    rules: [IsIn([...values])],
  };
}

/** Values of the variables declared before the one whose default is being computed. */
export type EarlierValues = Readonly<Record<string, unknown>>;

interface Declaration<P extends string, T> {
  /** The environment variable. */
  name: string;
  /** The AppConfig property it fills. */
  property: P;
  kind: Kind<T>;
  /** What the variable means: the README's last column and the comment above it in `.env.example`. */
  doc: string;
  /** The README's default column when the default is computed or absent (a plain default is shown as code). */
  defaultDoc?: string;
  /** A sample value for `.env.example` when the variable has no plain default (it is then commented out). */
  example?: string;
  /** Extra comment lines for `.env.example`, e.g. how to generate a key. */
  hint?: string[];
}

/** One row of the configuration table; everything else about a variable is derived from it. */
export interface ConfigVariable<P extends string = string, T = unknown> extends Declaration<P, T> {
  /** Unset or blank → this; a function sees the variables declared above it (e.g. the port for the base URL). */
  default?: T | ((earlier: EarlierValues) => T);
}

function variable<const P extends string, T>(
  declaration: Declaration<P, T> & { default: NoInfer<T> | ((earlier: EarlierValues) => NoInfer<T>) },
): ConfigVariable<P, T>;
function variable<const P extends string, T>(declaration: Declaration<P, T>): ConfigVariable<P, T | undefined>;
function variable<const P extends string, T>(declaration: ConfigVariable<P, T>): ConfigVariable<P, T> {
  return declaration;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//;
const KEY_BASE64 = '[A-Za-z0-9+/]{43}=';

/**
 * Every setting Accord reads, declared once: the loader parses the environment with it, AppConfig's
 * properties, types and validation rules come from it, and `npm run config:docs` writes the README's
 * table and `.env.example` from it (scripts/readme.spec.ts fails when they drift). Order matters only
 * for computed defaults, which see the variables above them.
 */
export const CONFIG_VARIABLES = [
  variable({
    name: 'NODE_ENV',
    property: 'nodeEnv',
    kind: oneOf(RUNTIME_ENVIRONMENTS),
    default: 'development',
    doc: 'Runtime environment. Production refuses an embedded database and a missing signing key.',
  }),
  variable({
    name: 'HOST',
    property: 'host',
    kind: text('string'),
    default: '127.0.0.1',
    doc: 'Address the API listens on (0.0.0.0 in containers).',
  }),
  variable({
    name: 'PORT',
    property: 'port',
    kind: integer(0, 65535),
    default: 3000,
    doc: 'HTTP port of the API.',
  }),
  variable({
    name: 'DATABASE_URL',
    property: 'databaseUrl',
    kind: text('postgres URL', POSTGRES_URL, 'must be a postgres:// URL'),
    defaultDoc: '(none: embedded PostgreSQL)',
    example: 'postgres://accord_app_login:change-me@127.0.0.1:5432/accord',
    doc:
      'Connection of the application role (least privilege: SELECT only on audit tables, appends through the ' +
      'audit functions). Leave unset for the embedded database.',
  }),
  variable({
    name: 'DATABASE_MIGRATION_URL',
    property: 'databaseMigrationUrl',
    kind: text('postgres URL', POSTGRES_URL, 'must be a postgres:// URL'),
    defaultDoc: '(none)',
    example: 'postgres://postgres@127.0.0.1:5432/accord',
    doc:
      'Connection of the schema owner. When set, migrations run at start under an advisory lock ' +
      '(or with `npm run db:migrate`).',
  }),
  variable({
    name: 'DATABASE_POOL_SIZE',
    property: 'databasePoolSize',
    kind: integer(1, 200),
    default: 10,
    doc: 'Connections per process.',
  }),
  variable({
    name: 'DATABASE_CONNECT_TIMEOUT_MS',
    property: 'databaseConnectTimeoutMs',
    kind: integer(100, 60000),
    default: 2000,
    doc: 'Wait for a connection before failing the request with 503.',
  }),
  variable({
    name: 'DATABASE_STATEMENT_TIMEOUT_MS',
    property: 'databaseStatementTimeoutMs',
    kind: integer(100, 600000),
    default: 15000,
    doc: 'Server-side statement timeout of the application role.',
  }),
  variable({
    name: 'REDIS_URL',
    property: 'redisUrl',
    kind: text('redis URL', /^rediss?:\/\//, 'must be a redis:// or rediss:// URL'),
    defaultDoc: '(none: jobs run in-process)',
    example: 'redis://127.0.0.1:6379',
    doc: 'Redis for BullMQ queues and server-sent-event fan-out.',
  }),
  variable({
    name: 'REDIS_KEY_PREFIX',
    property: 'redisKeyPrefix',
    kind: text('string', /^[a-z0-9_-]{1,80}$/, 'must be 1-80 characters of a-z, 0-9, _ and -'),
    default: 'accord',
    doc: 'Prefix of every Redis key (queues, pub/sub channels, rate limits).',
  }),
  variable({
    name: 'RUN_WORKER_IN_PROCESS',
    property: 'runWorkerInProcess',
    kind: boolean,
    default: ({ redisUrl }) => redisUrl === undefined,
    defaultDoc: 'true without REDIS_URL, else false',
    example: 'true',
    doc: 'Run job processors inside the API process (always so without Redis).',
  }),
  variable({
    name: 'EMBEDDED_DATA_DIR',
    property: 'embeddedDataDir',
    kind: text('path'),
    default: './var',
    doc: 'Where the embedded PostgreSQL and the development signing key live.',
  }),
  variable({
    name: 'EMBEDDED_POSTGRES_PORT',
    property: 'embeddedPostgresPort',
    kind: integer(1024, 65535),
    default: 54329,
    doc: 'Port of the embedded PostgreSQL (bound to 127.0.0.1).',
  }),
  variable({
    name: 'AUDIT_SIGNING_KEY',
    property: 'auditSigningKey',
    kind: text('PEM or base64'),
    defaultDoc: '(development: generated under EMBEDDED_DATA_DIR)',
    example: '',
    hint: [
      'Generate one with:',
      "  node -e \"const {generateKeyPairSync}=require('crypto');process.stdout.write(" +
        "generateKeyPairSync('ed25519').privateKey.export({type:'pkcs8',format:'pem'}))\"",
    ],
    doc: 'Ed25519 private key (PKCS#8 PEM, or its base64) that signs audit checkpoints. Required in production.',
  }),
  variable({
    name: 'AUDIT_CHECKPOINT_INTERVAL_SECONDS',
    property: 'auditCheckpointIntervalSeconds',
    kind: integer(5, 60),
    default: 30,
    doc: 'How often the head of each active audit stream is signed.',
  }),
  variable({
    name: 'BODY_LIMIT',
    property: 'bodyLimit',
    kind: text('size', /^\d+(b|kb|mb)$/, 'must look like 100kb', (raw) => raw.toLowerCase()),
    default: '100kb',
    doc: 'Largest accepted request body; larger bodies get 413.',
  }),
  variable({
    name: 'TRUSTED_PROXIES',
    property: 'trustedProxies',
    kind: text('comma list'),
    default: '',
    defaultDoc: '(empty: none)',
    doc:
      'Comma-separated proxy addresses/CIDRs whose X-Forwarded-For is believed; otherwise the socket address ' +
      'is the source.',
  }),
  variable({
    name: 'LOG_LEVEL',
    property: 'logLevel',
    kind: oneOf(LOG_LEVELS),
    default: 'info',
    doc: 'Log level of the structured logs.',
  }),
  variable({
    name: 'PUBLIC_BASE_URL',
    property: 'publicBaseUrl',
    // A trailing slash is dropped so links can be built as `${publicBaseUrl}/path`.
    kind: text('URL', /^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL', (raw) => raw.replace(/\/+$/, '')),
    default: ({ port }) => `http://127.0.0.1:${String(port)}`,
    defaultDoc: 'http://127.0.0.1:PORT',
    example: 'https://accord.example.org',
    doc: 'Address people reach Accord at; one-time enrollment links start with it.',
  }),
  variable({
    name: 'DATA_ENCRYPTION_KEY',
    property: 'dataEncryptionKey',
    kind: text('base64 of 32 bytes', new RegExp(`^${KEY_BASE64}$`), 'must be the base64 of exactly 32 bytes'),
    defaultDoc: '(development: generated under EMBEDDED_DATA_DIR)',
    example: '',
    hint: [
      'Generate one with:',
      `  node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64'))"`,
    ],
    doc:
      'AES-256-GCM key for secrets at rest (TOTP seeds). Required in production unless DATA_ENCRYPTION_KEYS ' +
      'is set; beside a key ring it joins the ring as an old key.',
  }),
  variable({
    name: 'DATA_ENCRYPTION_KEYS',
    property: 'dataEncryptionKeys',
    kind: text(
      'id:base64 list',
      new RegExp(`^[A-Za-z0-9_-]{1,32}:${KEY_BASE64}(,[A-Za-z0-9_-]{1,32}:${KEY_BASE64})*$`),
      'must be id:base64-of-32-bytes entries separated by commas',
    ),
    defaultDoc: '(none)',
    example: 'k2026:BASE64KEY,k2025:OLDBASE64KEY',
    doc:
      'Key ring for personal data at rest: the first key seals, every key opens; rotate by putting a new key ' +
      'first, then run `npm run accord -- rotate-keys`.',
  }),
  variable({
    name: 'SESSION_IDLE_MINUTES',
    property: 'sessionIdleMinutes',
    // CJIS AC-11: a session unused this long ends; 30 at most, 15 at least.
    kind: integer(15, 30),
    default: 30,
    doc: 'A session unused this long ends (sessions end after 12 hours regardless).',
  }),
  variable({
    name: 'PASSWORD_HASH_MEMORY_KIB',
    property: 'passwordHashMemoryKib',
    // The argon2id floors are OWASP's (m=19 MiB, t=2, p=1).
    kind: integer(19456, 1048576),
    default: 19456,
    doc: 'argon2id memory cost; hashes made with other parameters are upgraded at the next login.',
  }),
  variable({
    name: 'PASSWORD_HASH_ITERATIONS',
    property: 'passwordHashIterations',
    kind: integer(2, 20),
    default: 2,
    doc: 'argon2id time cost.',
  }),
  variable({
    name: 'PASSWORD_HASH_PARALLELISM',
    property: 'passwordHashParallelism',
    kind: integer(1, 16),
    default: 1,
    doc: 'argon2id parallelism.',
  }),
  variable({
    name: 'PASSWORD_HASH_CONCURRENCY',
    property: 'passwordHashConcurrency',
    // A bound per process, so a login burst cannot exhaust memory.
    kind: integer(1, 64),
    default: 4,
    doc: 'Password hashes computed at once per process; further logins wait their turn.',
  }),
  variable({
    name: 'LOGIN_THROTTLE_MAX_ATTEMPTS',
    property: 'loginThrottleMaxAttempts',
    kind: integer(1, 100000),
    default: 20,
    doc: 'Login attempts per source address and window before 429 (shared through Redis when REDIS_URL is set).',
  }),
  variable({
    name: 'LOGIN_THROTTLE_WINDOW_SECONDS',
    property: 'loginThrottleWindowSeconds',
    kind: integer(1, 86400),
    default: 300,
    doc: 'Length of the login throttle window.',
  }),
  variable({
    name: 'SMTP_URL',
    property: 'smtpUrl',
    kind: text('smtp(s) URL', /^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL'),
    defaultDoc: '(none: e-mail disabled)',
    example: 'smtp://user:password@smtp.example.org:587',
    doc:
      'SMTP server for alert e-mails (may carry credentials), which say only that something new waits in ' +
      'Accord (no content, names or places).',
  }),
  variable({
    name: 'MAIL_FROM',
    property: 'mailFrom',
    // One line, so it cannot smuggle in a header.
    kind: text('string', /^[^\r\n]{3,200}$/, 'must be one line of 3-200 characters'),
    default: 'Accord <no-reply@accord.invalid>',
    doc: 'Sender address of the alert e-mails.',
  }),
  variable({
    name: 'PUBLIC_DIAGNOSTICS',
    property: 'publicDiagnostics',
    kind: boolean,
    default: ({ nodeEnv }) => nodeEnv !== 'production',
    defaultDoc: 'false in production, else true',
    example: 'false',
    doc:
      "Serve /health's per-dependency details and the API docs (/api/docs) to anyone; when false /health " +
      'answers only its status (ok, degraded, down) and there are no docs.',
  }),
  variable({
    name: 'INBOX_STREAM_HEARTBEAT_SECONDS',
    property: 'inboxStreamHeartbeatSeconds',
    kind: integer(1, 60),
    default: 25,
    doc: 'Keep-alive interval of the inbox event stream; a logged-out or idle session ends the stream at the next one.',
  }),
] as const;

type Declared = (typeof CONFIG_VARIABLES)[number];
type ValueOf<V> = V extends ConfigVariable<string, infer T> ? T : never;
/** One property per row of CONFIG_VARIABLES, typed by its kind (`| undefined` when it has no default). */
export type ConfigValues = { [V in Declared as V['property']]: ValueOf<V> };

const ConfigValuesBase = class {} as new () => ConfigValues;

/**
 * Every setting Accord reads, validated once at boot. Services receive this object through
 * dependency injection and never read `process.env` themselves; its properties are the rows of
 * CONFIG_VARIABLES, so the README's table is the whole truth about configuration.
 */
export class AppConfig extends ConfigValuesBase {
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

// The table's rules become AppConfig's class-validator metadata; a variable without a default may be unset.
for (const declared of CONFIG_VARIABLES as readonly ConfigVariable[]) {
  if (!('default' in declared)) IsOptional()(AppConfig.prototype, declared.property);
  for (const rule of declared.kind.rules) rule(AppConfig.prototype, declared.property);
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Reads and validates the environment. Throws a ConfigError that names every bad variable;
 * the values themselves are never echoed (a URL may carry a password).
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  const variableOf = new Map<string, string>();
  for (const declared of CONFIG_VARIABLES as readonly ConfigVariable[]) {
    variableOf.set(declared.property, declared.name);
    const raw = env[declared.name]?.trim();
    const fallback = typeof declared.default === 'function' ? declared.default(values) : declared.default;
    const parsed = raw === undefined || raw === '' ? fallback : declared.kind.parse(raw);
    if (parsed instanceof Invalid) problems.push(`${declared.name} ${parsed.reason}`);
    values[declared.property] = parsed instanceof Invalid ? fallback : parsed;
  }
  const config = Object.assign(new AppConfig(), values);
  config.databaseMode = config.databaseUrl === undefined ? 'embedded' : 'external';

  for (const error of validateSync(config)) {
    const variable = variableOf.get(error.property) ?? error.property;
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

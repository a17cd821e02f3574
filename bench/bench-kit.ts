import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { AuditSigningKey } from '@accord/audit';
import { totpCodeAt } from '@accord/identity';
import { type EnrolledUser, PASSWORD, TEST_REDIS_URL } from '@accord/testing';

/**
 * Shared by the login, notify, reads and scale-out benches: percentiles, process figures from /proc, production
 * settings.
 */

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

export const ms = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : '-');

/** The value of `--name N` among the bench's arguments (`npm run bench -- reads --rows 20000`), or `fallback`. */
export function numberOption(name: string, fallback: number): number {
  const args = process.argv;
  const at = args.indexOf(`--${name}`);
  const raw = at >= 0 ? args[at + 1] : process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

export function machineLine(): string {
  return (
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; ` +
    `load average (1 min) ${loadavg()[0]!.toFixed(2)}`
  );
}

/** Resident memory of a process (Linux /proc): now and the peak since start (or since `resetPeakRss`), in MB. */
export function rssOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** Resets the kernel's peak-RSS mark of `pid` (writes 5 to clear_refs); false where the kernel refuses. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

let clockTicks: number | undefined;

/** The kernel's clock ticks per second (`getconf CLK_TCK`, 100 on Linux almost everywhere): /proc's CPU unit. */
export function clockTicksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/**
 * CPU seconds (user + system, all threads) a process has used so far (Linux /proc). With `reapedChildren`, also
 * what its children that have exited and been waited for used (cutime + cstime).
 */
export function cpuSecondsOf(pid: number, reapedChildren = false): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime, stime, cutime and cstime are fields 14-17 of the whole line, i.e. 11-14 after the command name.
  const ticks =
    Number(fields[11]) + Number(fields[12]) + (reapedChildren ? Number(fields[13]) + Number(fields[14]) : 0);
  return ticks / clockTicksPerSecond();
}

/**
 * CPU seconds used so far by every process whose command name (/proc/<pid>/comm) is `comm` — e.g. all of
 * PostgreSQL's processes, every database's — counting what their exited children used (cutime + cstime): a
 * PostgreSQL backend that ends is waited for by the postmaster, so the sum stays whole when connections close.
 * With `titleIncludes`, only the processes whose command line (a PostgreSQL backend's process title names its
 * user and database) includes that text. Processes that vanish while being read are skipped.
 */
export function cpuSecondsOfCommand(comm: string, titleIncludes?: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== comm) continue;
      if (titleIncludes !== undefined && !readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(titleIncludes))
        continue;
      total += cpuSecondsOf(Number(entry), true);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/**
 * Settings of a production-mode process on the bench's database and Redis: NODE_ENV=production, default
 * logging, the keys production requires, jobs in a worker process (not the API). The login throttle is
 * raised because every request comes from 127.0.0.1.
 */
export function productionEnv(appUrl: string, redisPrefix: string, keys: BenchKeys): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: appUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: redisPrefix,
    RUN_WORKER_IN_PROCESS: 'false',
    AUDIT_SIGNING_KEY: keys.auditSigningKey,
    DATA_ENCRYPTION_KEY: keys.dataEncryptionKey,
    LOGIN_THROTTLE_MAX_ATTEMPTS: '100000',
  };
}

export interface BenchKeys {
  auditSigningKey: string;
  dataEncryptionKey: string;
}

/** Fresh keys; the in-process setup app and the production processes must share them (TOTP seeds are sealed). */
export function benchKeys(): BenchKeys {
  return {
    auditSigningKey: AuditSigningKey.generate().privateKeyPem(),
    dataEncryptionKey: randomBytes(32).toString('base64'),
  };
}

/** Prints a Markdown table, numbers right-aligned. */
export function printTable(header: string[], rows: string[][], rightAligned: number[] = []): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const pad = (c: string, i: number) => (rightAligned.includes(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!));
  const line = (cells: string[]) => `| ${cells.map(pad).join(' | ')} |`;
  console.log(line(header));
  console.log(
    `|${widths.map((w, i) => (rightAligned.includes(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
  );
  for (const row of rows) console.log(line(row));
}

/** Signs `user` in at a running API (password and the current TOTP code, as an API client); returns the token. */
export async function signInOverHttp(origin: string, user: EnrolledUser): Promise<string> {
  const res = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      email: user.email,
      password: PASSWORD,
      code: totpCodeAt(user.secret, Date.now()),
      client: 'api',
    }),
  });
  if (res.status !== 200) throw new Error(`login refused: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

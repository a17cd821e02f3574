import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Starts a built app (`dist/apps/<name>/src/main.js`) as its own process; its stderr is echoed, prefixed. Its
 * stdout (the structured log) goes to `logFile` when given, as a production process's would go to a file or a
 * collector, else to /dev/null. BENCH_NODE_ARGS adds Node options the environment cannot carry, e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the API and the worker while a bench runs.
 */
export function startProcess(name: 'api' | 'worker', env: Record<string, string>, logFile?: string): ChildProcess {
  const out = logFile === undefined ? 'ignore' : openSync(logFile, 'w');
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
  const child = spawn(process.execPath, [...nodeArgs, join(__dirname, '..', 'apps', name, 'src', 'main.js')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', out, 'pipe'],
  });
  if (typeof out === 'number') closeSync(out); // the child holds its own copy
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk.toString()}`));
  return child;
}

/** Stops a process with `signal` (SIGTERM: a graceful shutdown), and SIGKILLs it after 10 s. */
export async function stopProcess(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export async function waitForHealth(origin: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (
      await fetch(`${origin}/health`).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${origin} did not become healthy`);
}

import type { Logger } from '@nestjs/common';

export interface WakeLoopOptions {
  /** Wait after a failed pass; doubles per consecutive failure up to `maxBackoffMs`. */
  minBackoffMs: number;
  maxBackoffMs: number;
  logger: Logger;
  /** What a failed pass is about, for the log (no data, just the subsystem). */
  what: string;
}

/**
 * Runs `pass` over and over, never two at once. A pass returns how long to wait before the
 * next one; `wake()` cuts the wait short (a notification arrived). A failing pass is retried
 * with exponential backoff, and a wake-up does not cut a backoff short, so an outage is not
 * hammered once per notification. `stop()` waits for the pass in progress.
 */
export class WakeLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private wakeRequested = false;
  private stopped = true;
  private failures = 0;

  constructor(
    private readonly pass: () => Promise<number>,
    private readonly options: WakeLoopOptions,
  ) {}

  get consecutiveFailures(): number {
    return this.failures;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  wake(): void {
    if (this.stopped || this.failures > 0) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.running = this.runOnce().finally(() => {
          this.running = undefined;
        });
      },
      Math.max(0, delayMs),
    );
  }

  private async runOnce(): Promise<void> {
    this.wakeRequested = false;
    let next: number;
    try {
      next = await this.pass();
      if (this.failures > 0)
        this.options.logger.log(`${this.options.what} recovered after ${this.failures} failed attempts`);
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      next = Math.min(this.options.maxBackoffMs, this.options.minBackoffMs * 2 ** (this.failures - 1));
      // First failure and then every tenth, so an outage is visible without flooding the log.
      if (this.failures === 1 || this.failures % 10 === 0) {
        this.options.logger.warn(
          `${this.options.what} failed (${describe(error)}); retrying in ${next} ms (attempt ${this.failures})`,
        );
      }
    }
    this.schedule(this.wakeRequested && this.failures === 0 ? 0 : next);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
}

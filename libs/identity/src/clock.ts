import { recordedNow } from '@accord/audit';

/**
 * The time identity decisions are made at (idle and absolute session limits, lockout windows,
 * TOTP steps, token expiry). Injected so tests can move time instead of waiting for it.
 */
export abstract class Clock {
  abstract now(): Date;
}

/** The real time — or, while the demo seed writes its history, the time it records at (`inRecordedPast`). */
export class SystemClock extends Clock {
  now(): Date {
    return new Date(recordedNow());
  }
}

/** A clock that only moves when told to; for tests and nothing else. */
export class ManualClock extends Clock {
  private current: number;

  constructor(start: Date | number = Date.now()) {
    super();
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(at: Date | number): void {
    this.current = typeof at === 'number' ? at : at.getTime();
  }
}

/** Provide this token (from a global module) to replace the system clock, e.g. in e2e tests. */
export const CLOCK_OVERRIDE = Symbol('CLOCK_OVERRIDE');

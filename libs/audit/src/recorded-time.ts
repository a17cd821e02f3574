import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The time the system records things at: the real time — except inside `inRecordedPast`, which
 * the demo seed uses to write weeks of history through the real services (docs/reports.md, "The
 * demo's history"). Both the audit trail (`AuditService`) and the application clock
 * (`SystemClock`) read it, so a row and the entry that records it tell the same time.
 *
 * Scoped with AsyncLocalStorage: only the work passed in (and what it awaits) sees the past;
 * requests and jobs running meanwhile keep the real time. Once the work ends the scope closes for
 * good, even for a timer it may have left behind. Time never runs backwards inside it.
 */
interface RecordedPast {
  atMs: number;
  setAtRealMs: number;
  open: boolean;
}

const past = new AsyncLocalStorage<RecordedPast>();

/** Now, in milliseconds, as the system records it (see above). */
export function recordedNow(): number {
  const scope = past.getStore();
  return scope?.open ? scope.atMs + (Date.now() - scope.setAtRealMs) : Date.now();
}

/** Moves the recorded time of an `inRecordedPast` scope forward to `at` (never back, never past the real now). */
export type MoveRecordedTime = (at: Date) => void;

/**
 * Runs `work` with the recorded time starting at `start` (in the past); `work` moves it forward
 * with the function it is given, and between moves it runs on with the real clock. For seeding a
 * demo's history only: production code never calls it.
 */
export async function inRecordedPast<T>(start: Date, work: (moveTo: MoveRecordedTime) => Promise<T>): Promise<T> {
  if (start.getTime() > Date.now()) throw new Error('inRecordedPast: the start must not be in the future');
  const scope: RecordedPast = { atMs: start.getTime(), setAtRealMs: Date.now(), open: true };
  const moveTo: MoveRecordedTime = (at) => {
    const now = recordedNowIn(scope);
    if (at.getTime() < now) throw new Error('inRecordedPast: the recorded time never runs backwards');
    if (at.getTime() > Date.now()) throw new Error('inRecordedPast: the recorded time cannot pass the real now');
    scope.atMs = at.getTime();
    scope.setAtRealMs = Date.now();
  };
  try {
    return await past.run(scope, () => work(moveTo));
  } finally {
    scope.open = false;
  }
}

function recordedNowIn(scope: RecordedPast): number {
  return scope.atMs + (Date.now() - scope.setAtRealMs);
}

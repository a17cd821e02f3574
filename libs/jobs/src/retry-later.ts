/**
 * Thrown by a handler that cannot do its work yet because another run holds it (a live send
 * claim): the job comes back after `afterMs` without using up one of its attempts. Waiting is not
 * failing — a job whose attempts ran out while it waited for a dead run's claim to lapse would
 * leave that send owed with nothing left to retry it.
 */
export class RetryLaterError extends Error {
  readonly retryLater = true;
  constructor(
    message: string,
    readonly afterMs: number,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

export function isRetryLater(error: unknown): error is RetryLaterError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { retryLater?: unknown }).retryLater === true &&
    typeof (error as { afterMs?: unknown }).afterMs === 'number'
  );
}

/**
 * Settles like `promise`, or rejects with `message` after `ms`: for calls to a dependency that
 * may hang (a Redis that stopped answering, a database behind a dead link) where the caller must
 * answer quickly instead.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, message = 'timed out'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(message));
      },
    );
  });
}

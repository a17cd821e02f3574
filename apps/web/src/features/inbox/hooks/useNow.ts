import { useEffect, useState } from 'react';

/**
 * The current time, renewed every `intervalMs`: what makes countdowns count. `notBefore` (e.g. when
 * the shown answer arrived) keeps a just-arrived item from being counted from a tick ago.
 */
export function useNow(intervalMs = 10_000, notBefore = 0): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return notBefore > now.getTime() ? new Date(notBefore) : now;
}

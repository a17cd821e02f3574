import { lazy, type ReactNode, Suspense, useCallback, useState } from 'react';
import { ReauthenticationContext } from '@/lib/reauthentication';

// The dialog (a modal and a form) is code of its own, loaded the first time it is needed: every page has the
// provider, few ever open the dialog.
const ReauthenticationDialog = lazy(() =>
  import('./ReauthenticationDialog').then((m) => ({ default: m.ReauthenticationDialog })),
);

/**
 * Provides `useReauthentication()` (lib/reauthentication.ts) to every screen: a dialog asking for
 * password + code, sent to POST /api/v1/auth/reauthenticate. One dialog at a time; requests made
 * while it is open wait for the same answer.
 */
export function ReauthenticationProvider({ children }: { children: ReactNode }) {
  // Everyone waiting for the dialog's answer; the dialog is open while anyone waits.
  const [waiting, setWaiting] = useState<((ok: boolean) => void)[]>([]);

  const finish = (ok: boolean) => {
    for (const resolve of waiting) resolve(ok);
    setWaiting([]);
  };

  const request = useCallback(
    () => new Promise<boolean>((resolve) => setWaiting((current) => [...current, resolve])),
    [],
  );

  return (
    <ReauthenticationContext value={request}>
      {children}
      {waiting.length > 0 && (
        <Suspense fallback={null}>
          <ReauthenticationDialog onFinish={finish} />
        </Suspense>
      )}
    </ReauthenticationContext>
  );
}

import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '@/lib/session';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { sessionGate } from './session-gate';

/**
 * Pages behind sign-in. Without a session the person goes to the sign-in page (and comes back
 * afterwards). A session that ends while the app is open is handled by the query client, which
 * empties the cache and reloads onto sign-in (lib/query-client.ts, app/providers.tsx).
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  switch (sessionGate(session)) {
    case 'page':
      return children;
    case 'loading':
      return (
        <Center h="100vh">
          <Loader aria-label={t('loading')} />
        </Center>
      );
    case 'error':
      return <ErrorAlert error={session.error} />;
    case 'sign-in':
      return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  }
}

import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { isApiError } from '@/lib/api-error';
import { useSession } from '@/lib/session';
import { ErrorAlert } from '@/ui/ErrorAlert';

/**
 * Pages behind sign-in. Without a session the person goes to the sign-in page (and comes back
 * afterwards). A session that ends while the app is open is handled by the query client, which
 * empties the cache and reloads onto sign-in (lib/query-client.ts, app/providers.tsx).
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  // A background refetch of /me that fails on the network keeps the page as it is (TanStack keeps
  // the last answer): a blip on the street must not blank the inbox. A 401 reloads onto sign-in.
  if (session.data && !isApiError(session.error, 'UNAUTHENTICATED')) return children;
  if (session.isPending || isApiError(session.error, 'UNAUTHENTICATED')) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('loading')} />
      </Center>
    );
  }
  if (session.isError) return <ErrorAlert error={session.error} />;
  if (!session.data) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

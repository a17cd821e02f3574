import { Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useParams } from 'react-router';
import { useSession } from '@/lib/session';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { useAgreement } from '../api/board-api';
import { BoardAgreementContext } from '../components/BoardContext';
import { useBundleVerification } from '../hooks/useBundleVerification';

const SECTIONS = [
  { to: '', label: 'nav.dashboard', end: true },
  { to: 'audit', label: 'nav.audit', end: false },
  { to: 'verify', label: 'nav.verify', end: false },
  { to: 'pack', label: 'nav.pack', end: false },
] as const;

/**
 * One agreement's board workspace: its sections, and what they share — the agreement, and the last verification
 * of its bundle in this tab (kept in memory only, like every answer: nothing is stored in the browser).
 */
export function BoardAgreementLayout() {
  const { t } = useTranslation('board');
  const { t: tc } = useTranslation();
  const { agreementId = '' } = useParams();
  const { search } = useLocation();
  const { data: me } = useSession();
  const agreement = useAgreement(agreementId);
  const verification = useBundleVerification(agreementId);
  if (agreement.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={tc('loading')} />
      </Center>
    );
  if (!agreement.data || !me) return <ErrorAlert error={agreement.error} />;
  // The period travels between sections; the audit's own filters do not.
  const period = new URLSearchParams(search);
  const keep = new URLSearchParams(
    [...period.entries()].filter(([key]) => key === 'from' || key === 'to') as [string, string][],
  ).toString();
  return (
    <BoardAgreementContext.Provider
      value={{
        agreement: agreement.data,
        ownOrgId: me.orgId ?? '',
        verification,
      }}
    >
      <Stack gap="sm" className="board-page">
        <div className="board-no-print">
          <Text size="sm" c="dimmed">
            {t('layout.agreement', { title: agreement.data.title })}
          </Text>
          <nav aria-label={t('nav.label')}>
            <Group gap={4} wrap="wrap">
              {SECTIONS.map((section) => (
                <Button
                  key={section.to}
                  component={NavLink}
                  to={{
                    pathname: section.to === '' ? '.' : section.to,
                    search: keep && !section.to.startsWith('audit') ? `?${keep}` : '',
                  }}
                  end={section.end}
                  variant="subtle"
                  size="compact-sm"
                  className="nav-link"
                >
                  {t(section.label)}
                </Button>
              ))}
            </Group>
          </nav>
        </div>
        <Outlet />
      </Stack>
    </BoardAgreementContext.Provider>
  );
}

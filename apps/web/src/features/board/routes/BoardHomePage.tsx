import { Anchor, Center, Loader, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '@/lib/session';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageTitle } from '@/ui/PageTitle';
import { type Agreement, useBoardAgreements } from '../api/board-api';

/** The version in force, or for an agreement that has none any more its last active one (docs/audit.md). */
function boardOf(agreement: Agreement) {
  const active = agreement.versions.find((v) => v.status === 'active');
  if (active) return active;
  return [...agreement.versions].reverse().find((v) => v.activatedAt !== null);
}

/** The board member's partnerships: those whose version in force names them on its board. */
export function BoardHomePage() {
  const { t } = useTranslation('board');
  const { t: tc } = useTranslation();
  const { data: me } = useSession();
  const agreements = useBoardAgreements();
  const mine = (agreements.data ?? []).filter((a) => boardOf(a)?.boardMemberIds.includes(me?.id ?? ''));
  return (
    <Stack gap="md" className="board-page">
      <div>
        <PageTitle>{t('home.title')}</PageTitle>
        <Text mt={-8}>{t('home.intro')}</Text>
      </div>
      {agreements.isPending ? (
        <Center py="xl">
          <Loader aria-label={tc('loading')} />
        </Center>
      ) : !agreements.data ? (
        <ErrorAlert error={agreements.error} />
      ) : mine.length === 0 ? (
        <Text c="dimmed">{t('home.empty')}</Text>
      ) : (
        <div className="board-table-scroll">
          <Table>
            <Table.Caption>{t('home.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('home.agreement')}</Table.Th>
                <Table.Th scope="col">{t('home.version')}</Table.Th>
                <Table.Th scope="col">{t('home.open')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mine.map((agreement) => (
                <Table.Tr key={agreement.id}>
                  <Table.Th scope="row">{agreement.title}</Table.Th>
                  <Table.Td>{t('home.versionNumber', { version: boardOf(agreement)?.version ?? '' })}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/board/${agreement.id}`}>
                      {t('home.openDashboard', { title: agreement.title })}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Stack>
  );
}

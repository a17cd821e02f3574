import { Anchor, Button, Center, Group, Loader, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDateTime } from '@/lib/use-date-time';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { LiveStatus } from '@/ui/LiveStatus';
import { PageTitle } from '@/ui/PageTitle';
import { useAgreementTitles, useSentReferrals } from '../api/sent-referrals-api';
import { SentStatus } from '../components/SentStatus';
import { useLiveSentReferrals } from '../hooks/use-live-sent-referrals';
import { sentStatusOf } from '../utils/sent-referrals';

/** The police liaison's sent referrals, newest first, each with the coarse status the agreement lets back. */
export function SentReferralsPage() {
  const { t } = useTranslation('referrals');
  const { t: tc } = useTranslation();
  const dateTime = useDateTime();
  const referrals = useSentReferrals();
  const titles = useAgreementTitles().data;
  const live = useLiveSentReferrals();
  return (
    <>
      <Group justify="space-between" align="flex-start" mb="xs">
        <PageTitle>{t('sent.title')}</PageTitle>
        <Button component={Link} to="/referrals/new">
          {t('sent.new')}
        </Button>
      </Group>
      <Text mb="xs">{t('sent.intro')}</Text>
      <LiveStatus
        status={live.status}
        onReconnect={live.reconnect}
        words={{ ...t('live', { returnObjects: true }), live: t('sent.updatedLive') }}
      />
      {referrals.isPending ? (
        <Center py="xl">
          <Loader aria-label={tc('loading')} />
        </Center>
      ) : referrals.isError && !referrals.data ? (
        <ErrorAlert error={referrals.error} />
      ) : referrals.data.length === 0 ? (
        <Text c="dimmed">{t('sent.empty')}</Text>
      ) : (
        <div className="sent-table-scroll">
          <Table striped verticalSpacing="sm" aria-label={t('sent.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('sent.person')}</Table.Th>
                <Table.Th scope="col">{t('sent.to')}</Table.Th>
                <Table.Th scope="col">{t('sent.sentOn')}</Table.Th>
                <Table.Th scope="col">{t('sent.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {referrals.data.map((referral) => (
                <Table.Tr key={referral.id}>
                  <Table.Th scope="row">
                    <Anchor component={Link} to={`/referrals/sent/${referral.id}`} fw={600}>
                      {referral.person.name ?? t('list.unnamed')}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{titles?.get(referral.agreementId) ?? ''}</Table.Td>
                  <Table.Td>
                    <time dateTime={new Date(referral.createdAt).toISOString()}>{dateTime(referral.createdAt)}</time>
                  </Table.Td>
                  <Table.Td>
                    <SentStatus status={sentStatusOf(referral)} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </>
  );
}

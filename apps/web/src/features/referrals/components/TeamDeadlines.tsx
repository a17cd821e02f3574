import { Anchor, Center, Loader, Table, Text, Title } from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDateTime } from '@/lib/use-date-time';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { useOpenItems } from '../api/referrals-api';
import { itemLink, itemsAtAGlance, type OpenItem } from '../utils/team-alerts';

/** The page's clock, for which deadlines have passed. */
function useNow(everyMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

const CATEGORIES = ['incident_notification', 'referral', 'community_concern'] as const;
type CategoryKey = (typeof CATEGORIES)[number] | 'other';
const categoryKey = (category: string): CategoryKey =>
  (CATEGORIES as readonly string[]).includes(category) ? (category as CategoryKey) : 'other';

/**
 * The team's deadlines at a glance: what nobody acknowledged in time (escalated to the program
 * managers), then what is open, soonest deadline first. Each opens where it is acted on.
 */
export function TeamDeadlines() {
  const { t } = useTranslation('referrals');
  const { t: tc } = useTranslation();
  const now = useNow(30_000);
  const items = useOpenItems();
  const headingId = useId();
  const body = () => {
    if (items.isPending)
      return (
        <Center py="md">
          <Loader size="sm" aria-label={tc('loading')} />
        </Center>
      );
    if (!items.data) return <ErrorAlert error={items.error} />;
    const { escalated, open } = itemsAtAGlance(items.data, now);
    if (escalated.length + open.length === 0) return <Text c="dimmed">{t('glance.nothing')}</Text>;
    return (
      <>
        <DeadlineTable
          title={t('glance.escalated', { count: escalated.length })}
          entries={escalated}
          overdue
          empty={t('glance.noneEscalated')}
        />
        <DeadlineTable title={t('glance.open', { count: open.length })} entries={open} empty={t('glance.noneOpen')} />
      </>
    );
  };
  return (
    <section aria-labelledby={headingId} className="team-deadlines">
      <Title order={2} size="h3" id={headingId} mb="xs">
        {t('glance.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('glance.intro')}
      </Text>
      {items.isError && items.data && <ErrorAlert error={items.error} />}
      {body()}
    </section>
  );
}

function DeadlineTable({
  title,
  entries,
  overdue = false,
  empty,
}: {
  title: string;
  entries: OpenItem[];
  overdue?: boolean;
  empty: string;
}) {
  const { t } = useTranslation('referrals');
  const dateTime = useDateTime();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <Title order={3} size="h5" id={headingId} mb={4}>
        {title}
      </Title>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed" mb="md">
          {empty}
        </Text>
      ) : (
        <div className="sent-table-scroll">
          <Table verticalSpacing="xs" mb="md" aria-labelledby={headingId}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('glance.what')}</Table.Th>
                <Table.Th scope="col">{t('glance.received')}</Table.Th>
                <Table.Th scope="col">{t('glance.deadline')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map(({ item, dueAt }) => (
                <Table.Tr key={item.disclosureId}>
                  <Table.Th scope="row">
                    <Anchor component={Link} to={itemLink(item)} fw={600}>
                      {t(`glance.category.${categoryKey(item.category)}`)}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{dateTime(item.receivedAt)}</Table.Td>
                  <Table.Td fw={overdue ? 700 : undefined}>
                    {overdue
                      ? t('glance.overdueSince', { time: dateTime(dueAt.toISOString()) })
                      : t('glance.dueBy', { time: dateTime(dueAt.toISOString()) })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </section>
  );
}

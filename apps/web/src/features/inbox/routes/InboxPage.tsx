import { Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { LiveStatus } from '@/ui/LiveStatus';
import { PageTitle } from '@/ui/PageTitle';
import { type InboxItem, useInboxList } from '../api/inbox-api';
import { InboxItemCard } from '../components/InboxItemCard';
import type { LiveInbox } from '../hooks/useLiveInbox';
import { useNow } from '../hooks/useNow';
import { asksAcknowledgement } from '../utils/category';
import { byUrgency } from '../utils/deadline';

/** While the live stream is down, the lists are asked again this often. */
const POLL_WITHOUT_STREAM_MS = 60_000;

/** The worker's inbox: what waits for an acknowledgement first (most pressing on top), then the recent history. */
export function InboxPage({ live }: { live: LiveInbox }) {
  const { t } = useTranslation('inbox');
  const poll = live.status === 'live' ? false : POLL_WITHOUT_STREAM_MS;
  const waitingQuery = useInboxList('unacknowledged', poll);
  const recentQuery = useInboxList('all', poll);
  const now = useNow(10_000, Math.max(waitingQuery.dataUpdatedAt, recentQuery.dataUpdatedAt));
  const waiting = (waitingQuery.data?.pages.flatMap((page) => page.items) ?? [])
    .filter(asksAcknowledgement)
    .sort(byUrgency);
  const waitingIds = new Set(waiting.map((item) => item.disclosureId));
  const recent = recentQuery.data?.pages.flatMap((page) => page.items) ?? [];
  const acknowledged = recent
    .filter((item) => item.acknowledgedAt && !waitingIds.has(item.disclosureId))
    .sort(byUrgency);
  // The police liaison's: a partner moved a referral the department sent (newest first, as listed).
  const told = recent.filter((item) => !asksAcknowledgement(item));

  return (
    <Stack gap="lg" className="inbox-page">
      <div>
        <PageTitle>{t('list.title')}</PageTitle>
        <LiveStatus
          status={live.status}
          onReconnect={live.reconnect}
          words={t('stream', { returnObjects: true })}
          announce={live.arrived > 0 ? t('stream.arrived', { count: live.arrived }) : undefined}
        />
      </div>
      <section aria-labelledby="inbox-waiting">
        <Title order={2} size="h3" id="inbox-waiting" mb="xs">
          {t('list.waiting')}
          {waitingQuery.data && (
            <Text span size="md" fw={400} c="dimmed" ml="xs">
              ({t('list.waitingCount', { count: waiting.length })})
            </Text>
          )}
        </Title>
        <ItemList
          query={waitingQuery}
          items={waiting}
          now={now}
          empty={t('list.nothingWaiting')}
          more={t('list.more')}
        />
      </section>
      <section aria-labelledby="inbox-acknowledged">
        <Title order={2} size="h3" id="inbox-acknowledged" mb="xs">
          {t('list.acknowledged')}
        </Title>
        <ItemList
          query={recentQuery}
          items={acknowledged}
          now={now}
          empty={t('list.nothingAcknowledged')}
          more={t('list.older')}
        />
      </section>
      {told.length > 0 && (
        <section aria-labelledby="inbox-told">
          <Title order={2} size="h3" id="inbox-told" mb="xs">
            {t('list.told')}
          </Title>
          <ItemList query={recentQuery} items={told} now={now} empty="" more={t('list.older')} />
        </section>
      )}
    </Stack>
  );
}

function ItemList({
  query,
  items,
  now,
  empty,
  more,
}: {
  query: ReturnType<typeof useInboxList>;
  items: InboxItem[];
  now: Date;
  empty: string;
  more: string;
}) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <Center py="md">
        <Loader size="sm" aria-label={t('loading')} />
      </Center>
    );
  }
  if (!query.data) return <ErrorAlert error={query.error} />;
  return (
    <>
      {/* A failed refresh keeps what was listed before, under the message. */}
      {query.isError && <ErrorAlert error={query.error} />}
      {items.length === 0 ? (
        <Text c="dimmed">{empty}</Text>
      ) : (
        <ul className="inbox-list">
          {items.map((item) => (
            <li key={item.disclosureId}>
              <InboxItemCard item={item} now={now} />
            </li>
          ))}
        </ul>
      )}
      {query.hasNextPage && (
        <Button
          variant="default"
          fullWidth
          mt="sm"
          size="md"
          onClick={() => void query.fetchNextPage()}
          loading={query.isFetchingNextPage}
        >
          {more}
        </Button>
      )}
    </>
  );
}

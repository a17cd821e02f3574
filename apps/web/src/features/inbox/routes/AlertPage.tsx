import { Anchor, Button, Center, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageTitle } from '@/ui/PageTitle';
import { type Disclosure, useInboxItem } from '../api/inbox-api';
import { AcknowledgeButton } from '../components/AcknowledgeButton';
import { ConcernFields } from '../components/ConcernFields';
import { ReleasedFields } from '../components/ReleasedFields';
import { ResponseForm } from '../components/ResponseForm';
import { WithheldFields } from '../components/WithheldFields';
import { useFormatters } from '../hooks/useFormatters';
import { useNow } from '../hooks/useNow';
import { categoryKey } from '../utils/category';
import { statusBackOf } from '../utils/concern';
import type { IncidentPayload } from '../utils/fields';

/**
 * One inbox item: the deadline and acknowledgement first (one tap), then what was shared, what was not, and the
 * response.
 */
export function AlertPage() {
  const { t } = useTranslation('inbox');
  const { t: tc } = useTranslation();
  const { disclosureId = '' } = useParams();
  const query = useInboxItem(disclosureId);
  const now = useNow(10_000, query.dataUpdatedAt);
  const back = (
    <Anchor component={Link} to="/inbox" size="sm" className="back-link">
      ← {t('alert.back')}
    </Anchor>
  );
  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={tc('loading')} />
      </Center>
    );
  }
  if (query.isError) {
    return (
      <Stack gap="sm">
        {back}
        <PageTitle>{t('category.other')}</PageTitle>
        <ErrorAlert error={query.error} />
      </Stack>
    );
  }
  const item = query.data;
  return (
    <Stack gap="lg" className="alert-page">
      <div>
        {back}
        <PageTitle>{titleOf(item, t)}</PageTitle>
        <ReceivedLine item={item} now={now} />
      </div>
      {/* A referral's status back tells the police; it asks for no acknowledgement (the API refuses one). */}
      {item.category !== 'referral_status' && <AcknowledgeButton item={item} now={now} />}
      <ItemBody item={item} now={now} />
    </Stack>
  );
}

function titleOf(item: Disclosure, t: ReturnType<typeof useTranslation<'inbox'>>['t']): string {
  if (item.category !== 'incident_notification') return t(`category.${categoryKey(item.category)}`);
  const type = (item.payload as IncidentPayload | null)?.incidentType;
  return type ? t(`alert.title.${type}`) : t('alert.title.unknown');
}

function ReceivedLine({ item, now }: { item: Disclosure; now: Date }) {
  const { t } = useTranslation('inbox');
  const format = useFormatters();
  return (
    <Text size="sm" c="dimmed" mt={-8}>
      {t(`category.${categoryKey(item.category)}`)} ·{' '}
      {t('item.received', { time: format.moment(new Date(item.receivedAt), now) })}
    </Text>
  );
}

function ItemBody({ item, now }: { item: Disclosure; now: Date }) {
  const { t } = useTranslation('inbox');
  if (item.category === 'referral') {
    // The referral copy's content is sealed here: the referral's own page opens it (and the API audits that read).
    return (
      <Section title={t('category.referral')} id="referral">
        <Text mb="sm">{t('alert.referralBody')}</Text>
        <Button
          component={Link}
          to={item.referralId ? `/referrals/mine/${item.referralId}` : '/referrals/mine'}
          variant="default"
          size="lg"
          fullWidth
        >
          {t('alert.openReferrals')}
        </Button>
      </Section>
    );
  }
  if (item.category === 'referral_status') {
    // The police's own referral, moved by the partner: the coarse class, and the referral's page on the police side.
    const back = statusBackOf(item.payload);
    if (!back) return <Text>{t('alert.noDetails')}</Text>;
    return (
      <Section title={t('category.referral_status')} id="status-back">
        <Text mb="sm">
          {back.status
            ? t('statusBack.body', { status: t(`statusBack.status.${back.status}`) })
            : t('statusBack.moved')}
        </Text>
        <Button component={Link} to={`/referrals/sent/${back.referralId}`} variant="default" size="lg" fullWidth>
          {t('statusBack.open')}
        </Button>
      </Section>
    );
  }
  if (item.category === 'community_concern') {
    // A partner's concern to the police (two-way agreements): what they sent, then the department's own response.
    return (
      <>
        <Section title={t('alert.released')} id="released">
          <ConcernFields payload={item.payload} />
        </Section>
        <Section title={t('response.title')} id="response">
          <ResponseForm item={item} now={now} services={false} />
        </Section>
      </>
    );
  }
  if (item.category !== 'incident_notification' || !item.payload) return <Text>{t('alert.noDetails')}</Text>;
  return (
    <>
      <Section title={t('alert.released')} id="released">
        <ReleasedFields payload={item.payload as IncidentPayload} fieldsReleased={item.fieldsReleased} />
      </Section>
      <Section title={t('alert.withheld')} id="withheld">
        <WithheldFields fieldsWithheld={item.fieldsWithheld} />
      </Section>
      <Section title={t('response.title')} id="response">
        <ResponseForm item={item} now={now} />
      </Section>
    </>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Paper component="section" withBorder radius="md" p="md" aria-labelledby={`alert-${id}`}>
      <Title order={2} size="h3" id={`alert-${id}`} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

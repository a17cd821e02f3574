import { Anchor, Code, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '@/lib/session';
import { useDateTime } from '@/lib/use-date-time';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageLoader } from '@/ui/PageLoader';
import { PageTitle } from '@/ui/PageTitle';
import { type Agreement, useAgreement } from '../api/agreements-api';
import { BoardMemberList } from '../components/BoardMembers';
import { EndAgreement } from '../components/EndAgreement';
import { FlowSummary } from '../components/FlowSummary';
import { LegalHolds } from '../components/LegalHolds';
import { OpenVersion } from '../components/OpenVersion';
import { StateBadge } from '../components/StateBadge';
import { VersionDiff } from '../components/VersionDiff';
import { VersionsTable } from '../components/VersionsTable';
import { useTermsT } from '../components/words';
import { agreementState, openVersion, versionInForce } from '../utils/agreement-views';

/** One agreement: where it stands, its versions and approvals, the version under discussion, the diff, holds, board. */
export function AgreementPage() {
  const { t } = useTranslation('agreements');
  const { agreementId = '' } = useParams();
  const query = useAgreement(agreementId);
  const orgId = useSession().data?.orgId ?? '';
  const back = (
    <Anchor component={Link} to="/agreements" size="sm">
      ← {t('detail.back')}
    </Anchor>
  );
  if (query.isPending) return <PageLoader />;
  if (query.isError)
    return (
      <Stack gap="sm">
        {back}
        <PageTitle>{t('list.title')}</PageTitle>
        <ErrorAlert error={query.error} />
      </Stack>
    );
  const agreement = query.data;
  const inForce = versionInForce(agreement);
  return (
    <Stack gap="lg" className="agreement-page">
      <div>
        {back}
        <PageTitle>{agreement.title}</PageTitle>
        <InForceLine agreement={agreement} />
      </div>
      <Parties agreement={agreement} orgId={orgId} />
      <Paper withBorder p="md" component="section" aria-labelledby="versions-title">
        <Title order={2} size="h3" id="versions-title" mb="xs">
          {t('versions.title')}
        </Title>
        <VersionsTable agreement={agreement} />
      </Paper>
      <OpenVersion agreement={agreement} version={openVersion(agreement)} orgId={orgId} />
      <VersionDiff agreement={agreement} />
      {inForce && (
        <Paper withBorder p="md" component="section" aria-labelledby="in-force-title">
          <Title order={2} size="h3" id="in-force-title" mb="xs">
            {t('list.versionNumber', { version: inForce.version })} · {t('status.active')}
          </Title>
          <FlowSummary version={inForce} />
          <Title order={3} size="h5" mt="sm">
            {t('board.title')}
          </Title>
          <BoardMemberList ids={inForce.boardMemberIds} />
        </Paper>
      )}
      <LegalHolds agreementId={agreement.id} />
      <EndAgreement agreement={agreement} />
    </Stack>
  );
}

function InForceLine({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation('agreements');
  const dateTime = useDateTime();
  const inForce = versionInForce(agreement);
  return (
    <Text size="sm" mt={-8} role="status">
      <StateBadge state={agreementState(agreement)} />{' '}
      {agreement.terminatedAt
        ? t('detail.terminatedLine', { time: dateTime(agreement.terminatedAt) })
        : inForce
          ? t('detail.inForceLine', { version: inForce.version, time: dateTime(inForce.activatedAt ?? '') })
          : t('detail.noneInForce')}
    </Text>
  );
}

/** The two parties (by the names the agreement gives both, and their ids) and the audit key fingerprint. */
function Parties({ agreement, orgId }: { agreement: Agreement; orgId: string }) {
  const { t } = useTranslation('agreements');
  const terms = useTermsT();
  const party = (side: 'police' | 'partner', id: string) => {
    const name = side === 'police' ? agreement.policeOrgName : agreement.partnerOrgName;
    return (
      <div>
        <Title order={3} size="h5">
          {terms(`party.${side}`)}
        </Title>
        <Text size="sm">{id === orgId ? t('detail.yourOrganization', { name }) : name || t('detail.otherParty')}</Text>
        <Text size="xs">{t('detail.orgId', { id })}</Text>
      </div>
    );
  };
  const fingerprint = agreement.auditKey.fingerprint.match(/.{1,4}/g)?.join(' ') ?? agreement.auditKey.fingerprint;
  return (
    <div className="agreement-parties">
      <Paper withBorder p="md" component="section" aria-labelledby="parties-title">
        <Title order={2} size="h3" id="parties-title" mb="xs">
          {t('detail.parties')}
        </Title>
        <div className="agreement-party-grid">
          {party('police', agreement.policeOrgId)}
          {party('partner', agreement.partnerOrgId)}
        </div>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="audit-key-title">
        <Title order={2} size="h3" id="audit-key-title" mb="xs">
          {t('detail.auditKey')}
        </Title>
        <Text size="sm">{t('detail.auditKeyIntro')}</Text>
        <Text size="sm" mt="xs">
          {t('detail.fingerprint')}: <Code className="agreement-fingerprint">{fingerprint}</Code>
        </Text>
        <Text size="sm">
          {t('detail.keyId')}: <Code>{agreement.auditKey.keyId}</Code>
        </Text>
      </Paper>
    </div>
  );
}

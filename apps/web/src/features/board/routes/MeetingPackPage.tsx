import { Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageTitle } from '@/ui/PageTitle';
import { reportCsvUrl, useReport } from '../api/board-api';
import { useBoardAgreement } from '../components/BoardContext';
import {
  AcknowledgementDistributionChart,
  AcknowledgementTimeChart,
  ReferralOutcomesChart,
  ResponseTimesChart,
  TrendChart,
} from '../components/DashboardCharts';
import { MeasureTiles } from '../components/MeasureTiles';
import { OpenIssues } from '../components/OpenIssues';
import { LastSignOff } from '../components/SignOffPanel';
import { VerificationProgress, VerificationResult } from '../components/VerificationResult';
import { useDayFormat } from '../hooks/useDayFormat';
import { periodFrom } from '../utils/period';

/**
 * The meeting pack: one printable page (board.css's print rules; "Save as PDF" in the browser's print dialog)
 * with the period's measures, every chart with its table, the open issues, the last sign-off and the result of
 * verifying the audit trail in this tab.
 */
export function MeetingPackPage() {
  const { t } = useTranslation('board');
  const { t: tc } = useTranslation();
  const [params] = useSearchParams();
  const { agreement, verification } = useBoardAgreement();
  const period = periodFrom(params);
  const day = useDayFormat();
  const report = useReport(agreement.id, period);
  const busy = verification.state.status === 'downloading' || verification.state.status === 'verifying';
  return (
    <Stack gap="md" className="board-pack">
      <div>
        <PageTitle>{t('pack.title', { title: agreement.title })}</PageTitle>
        <Text mt={-8}>
          {t('pack.period', {
            from: day(period.from),
            to: day(period.to),
          })}
        </Text>
      </div>
      <Group gap="sm" className="board-no-print">
        <Button onClick={() => window.print()}>{t('pack.print')}</Button>
        <Button component="a" href={reportCsvUrl(agreement.id, period)} download variant="default">
          {t('dashboard.csv')}
        </Button>
      </Group>
      {report.isPending ? (
        <Center py="xl">
          <Loader aria-label={tc('loading')} />
        </Center>
      ) : !report.data ? (
        <ErrorAlert error={report.error} />
      ) : (
        <>
          <section aria-labelledby="pack-measures">
            <Title order={2} size="h3" id="pack-measures" mb="xs">
              {t('dashboard.measures')}
            </Title>
            <Text size="sm" mb="xs">
              {t('dashboard.comparedWith')}
            </Text>
            <MeasureTiles measures={report.data.measures} previous={report.data.previous} />
          </section>
          <TrendChart report={report.data} both />
          <AcknowledgementTimeChart report={report.data} both />
          <ResponseTimesChart report={report.data} both />
          <AcknowledgementDistributionChart report={report.data} both />
          <ReferralOutcomesChart report={report.data} both />
          <section aria-labelledby="pack-issues" className="board-keep">
            <Title order={2} size="h3" id="pack-issues" mb="xs">
              {t('issues.title')}
            </Title>
            <OpenIssues report={report.data} />
          </section>
          <section aria-labelledby="pack-sign-off" className="board-keep">
            <Title order={2} size="h3" id="pack-sign-off" mb="xs">
              {t('signOff.title')}
            </Title>
            <LastSignOff signOff={report.data.lastSignOff} />
          </section>
        </>
      )}
      <section aria-labelledby="pack-verification" className="board-keep">
        <Title order={2} size="h3" id="pack-verification" mb="xs">
          {t('pack.verification')}
        </Title>
        {verification.state.status === 'idle' && <Text>{t('pack.notVerified')}</Text>}
        <VerificationProgress state={verification.state} />
        <VerificationResult state={verification.state} />
        {!busy && (
          <Button variant="default" mt="xs" className="board-no-print" onClick={() => void verification.run()}>
            {verification.state.status === 'idle' ? t('verify.run') : t('verify.again')}
          </Button>
        )}
      </section>
    </Stack>
  );
}

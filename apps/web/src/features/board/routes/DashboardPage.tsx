import { Anchor, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
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
import { PeriodForm } from '../components/PeriodForm';
import { SignOffPanel } from '../components/SignOffPanel';
import { periodFrom, periodSearch } from '../utils/period';

/** The agreement at a glance for a period: tiles against the period before, trends, response times, sign-off. */
export function DashboardPage() {
  const { t } = useTranslation('board');
  const { t: tc } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { agreement } = useBoardAgreement();
  const period = periodFrom(params);
  const report = useReport(agreement.id, period);
  return (
    <Stack gap="md">
      <div>
        <PageTitle>{t('dashboard.title', { title: agreement.title })}</PageTitle>
        <Text mt={-8}>{t('dashboard.intro')}</Text>
      </div>
      <PeriodForm
        key={`${period.from}-${period.to}`}
        period={period}
        onApply={(next) => setParams(new URLSearchParams(periodSearch(next)))}
      />
      <Group gap="sm">
        <Button component="a" href={reportCsvUrl(agreement.id, period)} download variant="default">
          {t('dashboard.csv')}
        </Button>
        <Button component={Link} to={`pack${periodSearch(period)}`} variant="default">
          {t('dashboard.pack')}
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
          <section aria-labelledby="board-measures">
            <Title order={2} size="h3" id="board-measures" mb="xs">
              {t('dashboard.measures')}
            </Title>
            <Text size="sm" c="dimmed" mb="xs">
              {t('dashboard.comparedWith')}
            </Text>
            <MeasureTiles measures={report.data.measures} previous={report.data.previous} />
          </section>
          <TrendChart report={report.data} />
          <AcknowledgementTimeChart report={report.data} />
          <ResponseTimesChart report={report.data} />
          <AcknowledgementDistributionChart report={report.data} />
          <ReferralOutcomesChart report={report.data} />
          <section aria-labelledby="board-issues">
            <Title order={2} size="h3" id="board-issues" mb="xs">
              {t('issues.title')}
            </Title>
            <OpenIssues report={report.data} />
          </section>
          <SignOffPanel period={period} last={report.data.lastSignOff} />
          <Text size="sm" c="dimmed">
            {t('dashboard.suppressed')}{' '}
            <Anchor component={Link} to="audit" relative="path" underline="always">
              {t('dashboard.toAudit')}
            </Anchor>
          </Text>
        </>
      )}
    </Stack>
  );
}

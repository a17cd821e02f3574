import { BarChart, LineChart } from '@mantine/charts';
import { Table } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementReport } from '../api/board-api';
import { bandRows, boundWords, DASHES, PALETTE, referralRows, timingRows, trendRows } from '../utils/chart-data';
import { ChartFigure } from './ChartFigure';

const dash = (value: number | null) => (value === null ? '—' : String(value));

function useBucketFormat(interval: 'week' | 'month') {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(
      language,
      interval === 'week' ? { month: 'short', day: 'numeric' } : { month: 'short', year: 'numeric' },
    );
    return (date: Date) => format.format(date);
  }, [language, interval]);
}

/** Alerts, acknowledgements within the deadline, responses and concerns per week (or month). */
export function TrendChart({ report, both }: { report: AgreementReport; both?: boolean }) {
  const { t } = useTranslation('board');
  const format = useBucketFormat(report.series.interval);
  const rows = trendRows(report.series.points, format);
  const series = [
    { name: 'alerts', label: t('measure.alerts'), color: PALETTE.blue, strokeDasharray: DASHES[0] },
    {
      name: 'acknowledgedInTime',
      label: t('measure.acknowledgedInTime'),
      color: PALETTE.orange,
      strokeDasharray: DASHES[1],
    },
    {
      name: 'responsesRecorded',
      label: t('measure.responsesRecorded'),
      color: PALETTE.green,
      strokeDasharray: DASHES[2],
    },
    { name: 'concerns', label: t('measure.concerns'), color: PALETTE.purple, strokeDasharray: DASHES[3] },
  ] as const;
  const bucket = t(report.series.interval === 'week' ? 'figure.weekOf' : 'figure.month');
  return (
    <ChartFigure
      both={both}
      title={t('figure.trend.title')}
      description={t('figure.trend.description')}
      summary={t('figure.trend.summary', { count: rows.length })}
      chart={
        <LineChart
          h={260}
          data={rows}
          dataKey="label"
          series={series.map((s) => ({ ...s }))}
          withLegend
          connectNulls={false}
          curveType="linear"
          yAxisLabel={t('figure.count')}
        />
      }
      table={
        <Table>
          <Table.Caption>{t('figure.trend.title')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{bucket}</Table.Th>
              {series.map((s) => (
                <Table.Th scope="col" key={s.name}>
                  {s.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.label}>
                <Table.Th scope="row">{row.label}</Table.Th>
                {series.map((s) => (
                  <Table.Td key={s.name}>{row.shown[s.name]}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      }
    />
  );
}

/** The median time to acknowledge an alert, per week, against the agreement's deadline. */
export function AcknowledgementTimeChart({ report, both }: { report: AgreementReport; both?: boolean }) {
  const { t } = useTranslation('board');
  const format = useBucketFormat(report.series.interval);
  const rows = trendRows(report.series.points, format);
  const target = report.slaTargetHours === null ? null : report.slaTargetHours * 60;
  const bucket = t(report.series.interval === 'week' ? 'figure.weekOf' : 'figure.month');
  return (
    <ChartFigure
      both={both}
      title={t('figure.ackTime.title')}
      description={
        target === null ? t('figure.noTarget') : t('figure.ackTime.description', { hours: report.slaTargetHours })
      }
      summary={t('figure.ackTime.summary', { count: rows.length })}
      chart={
        <LineChart
          h={240}
          data={rows}
          dataKey="label"
          series={[{ name: 'medianMinutesToAcknowledge', label: t('measure.medianMinutes'), color: PALETTE.blue }]}
          connectNulls={false}
          curveType="linear"
          unit={` ${t('figure.min')}`}
          referenceLines={
            target === null
              ? []
              : [
                  {
                    y: target,
                    label: t('figure.deadline', { hours: report.slaTargetHours }),
                    color: PALETTE.vermillion,
                    strokeDasharray: '6 3',
                    ifOverflow: 'extendDomain',
                  },
                ]
          }
        />
      }
      table={
        <Table>
          <Table.Caption>{t('figure.ackTime.title')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{bucket}</Table.Th>
              <Table.Th scope="col">{t('measure.medianMinutes')}</Table.Th>
              <Table.Th scope="col">{t('figure.deadlineColumn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.label}>
                <Table.Th scope="row">{row.label}</Table.Th>
                <Table.Td>{dash(row.medianMinutesToAcknowledge)}</Table.Td>
                <Table.Td>{target === null ? '—' : target}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      }
    />
  );
}

/** How long each step of the response took: median and 90th percentile, against the deadline. */
export function ResponseTimesChart({ report, both }: { report: AgreementReport; both?: boolean }) {
  const { t } = useTranslation('board');
  const rows = timingRows(report.measures).map((row) => ({ ...row, label: t(`stage.${row.stage}`) }));
  const target = report.slaTargetHours === null ? null : report.slaTargetHours * 60;
  return (
    <ChartFigure
      both={both}
      title={t('figure.times.title')}
      description={t('figure.times.description')}
      summary={t('figure.times.summary')}
      chart={
        <BarChart
          h={240}
          data={rows}
          dataKey="label"
          series={[
            { name: 'median', label: t('figure.median'), color: PALETTE.sky },
            { name: 'p90', label: t('figure.p90'), color: PALETTE.vermillion },
          ]}
          withLegend
          unit={` ${t('figure.min')}`}
          referenceLines={
            target === null
              ? []
              : [
                  {
                    y: target,
                    label: t('figure.deadline', { hours: report.slaTargetHours }),
                    color: PALETTE.black,
                    strokeDasharray: '6 3',
                    ifOverflow: 'extendDomain',
                  },
                ]
          }
        />
      }
      table={
        <Table>
          <Table.Caption>{t('figure.times.title')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('figure.stage')}</Table.Th>
              <Table.Th scope="col">{t('figure.sample')}</Table.Th>
              <Table.Th scope="col">{t('figure.medianMinutes')}</Table.Th>
              <Table.Th scope="col">{t('figure.p90Minutes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.stage}>
                <Table.Th scope="row">{row.label}</Table.Th>
                <Table.Td>{row.sample}</Table.Td>
                <Table.Td>{dash(row.median)}</Table.Td>
                <Table.Td>{dash(row.p90)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      }
    />
  );
}

/** What became of the period's referrals. */
export function ReferralOutcomesChart({ report, both }: { report: AgreementReport; both?: boolean }) {
  const { t } = useTranslation('board');
  const rows = referralRows(report.measures).map((row) => ({ ...row, label: t(`referral.${row.step}`) }));
  return (
    <ChartFigure
      both={both}
      title={t('figure.referrals.title')}
      description={report.measures.referrals.stepsReleased ? undefined : t('figure.referrals.notReleased')}
      summary={t('figure.referrals.summary')}
      chart={
        <BarChart
          h={220}
          data={rows}
          dataKey="label"
          series={[{ name: 'count', label: t('figure.referrals.count'), color: PALETTE.green }]}
          yAxisLabel={t('figure.count')}
        />
      }
      table={
        <Table>
          <Table.Caption>{t('figure.referrals.title')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('figure.step')}</Table.Th>
              <Table.Th scope="col">{t('figure.referrals.count')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.step}>
                <Table.Th scope="row">{row.label}</Table.Th>
                <Table.Td>{row.shown}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      }
    />
  );
}

/** How long acknowledging took, in the API's bands: bars within the deadline and after it, every step in the table. */
export function AcknowledgementDistributionChart({ report, both }: { report: AgreementReport; both?: boolean }) {
  const { t } = useTranslation('board');
  const target = report.slaTargetHours === null ? null : report.slaTargetHours * 3600;
  const bound = (seconds: number) => {
    const w = boundWords(seconds);
    return t(`bound.${w.key}`, { n: w.n });
  };
  const rows = bandRows(report.measures, target).map((row) => ({
    ...row,
    label:
      row.upToSeconds === null
        ? t('figure.band.over', { bound: bound(row.fromSeconds) })
        : t('figure.band.upTo', { bound: bound(row.upToSeconds) }),
  }));
  const stages = ['incidentToShare', 'shareToAcknowledgement', 'referralToFirstContactAttempt'] as const;
  return (
    <ChartFigure
      both={both}
      title={t('figure.spread.title')}
      description={
        target === null ? t('figure.noTarget') : t('figure.spread.description', { hours: report.slaTargetHours })
      }
      summary={t('figure.spread.summary')}
      chart={
        <BarChart
          h={240}
          data={rows}
          dataKey="label"
          type="stacked"
          series={[
            { name: 'within', label: t('figure.spread.within'), color: PALETTE.blue },
            { name: 'after', label: t('figure.spread.after'), color: PALETTE.orange },
          ]}
          withLegend
          yAxisLabel={t('figure.count')}
        />
      }
      table={
        <Table>
          <Table.Caption>{t('figure.spread.title')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('figure.band.column')}</Table.Th>
              {stages.map((stage) => (
                <Table.Th scope="col" key={stage}>
                  {t(`stage.${stage}`)}
                </Table.Th>
              ))}
              <Table.Th scope="col">{t('figure.deadlineColumnShort')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.label}>
                <Table.Th scope="row">{row.label}</Table.Th>
                {stages.map((stage) => (
                  <Table.Td key={stage}>{row.shown[stage] ?? '—'}</Table.Td>
                ))}
                <Table.Td>
                  {row.withinDeadline === null
                    ? '—'
                    : row.withinDeadline
                      ? t('figure.spread.within')
                      : t('figure.spread.after')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      }
    />
  );
}

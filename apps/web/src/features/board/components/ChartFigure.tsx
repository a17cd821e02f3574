import { Button, Group, Text, Title } from '@mantine/core';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A chart with its table: the table holds the same figures (a screen reader, a printout in black and white, a
 * board member who wants the numbers). On the dashboard one at a time; in the meeting pack both.
 */
export function ChartFigure(props: {
  title: string;
  description?: string;
  /** One sentence of what the chart shows, for those who do not see it. */
  summary: string;
  chart: ReactNode;
  table: ReactNode;
  both?: boolean;
}) {
  const { t } = useTranslation('board');
  const id = useId();
  const [asTable, setAsTable] = useState(false);
  return (
    <section className="board-figure" aria-labelledby={id}>
      <Group justify="space-between" align="start" wrap="nowrap">
        <Title order={3} size="h4" id={id}>
          {props.title}
        </Title>
        {!props.both && (
          <Button
            variant="default"
            size="compact-sm"
            className="board-no-print"
            aria-pressed={asTable}
            onClick={() => setAsTable((v) => !v)}
          >
            {asTable ? t('figure.showChart') : t('figure.showTable')}
          </Button>
        )}
      </Group>
      {props.description && (
        <Text size="sm" c="dimmed">
          {props.description}
        </Text>
      )}
      {(props.both || !asTable) && (
        <div className="board-chart" role="img" aria-label={props.summary}>
          {props.chart}
        </div>
      )}
      {(props.both || asTable) && <div className="board-table-scroll">{props.table}</div>}
    </section>
  );
}

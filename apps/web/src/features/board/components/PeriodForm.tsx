import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { daysIn, MAX_PERIOD_DAYS, type Period } from '../utils/period';

/** The reporting period: two days, both inclusive. */
export function PeriodForm({ period, onApply }: { period: Period; onApply: (period: Period) => void }) {
  const { t } = useTranslation('board');
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const invalid = !from || !to || from > to || daysIn({ from, to }) > MAX_PERIOD_DAYS;
  return (
    <form
      className="board-period board-no-print"
      aria-label={t('period.label')}
      onSubmit={(event) => {
        event.preventDefault();
        if (!invalid) onApply({ from, to });
      }}
    >
      <Group align="end" gap="sm" wrap="wrap">
        <TextInput type="date" label={t('period.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput
          type="date"
          label={t('period.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          error={from && to && invalid ? t('period.invalid', { max: MAX_PERIOD_DAYS }) : undefined}
        />
        <Button type="submit" disabled={invalid}>
          {t('period.apply')}
        </Button>
      </Group>
    </form>
  );
}

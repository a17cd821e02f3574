import { Button, Group, List, NativeSelect, Paper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '@/lib/use-date-time';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { type LegalHoldReason, useLegalHolds, useLiftLegalHold, usePlaceLegalHold } from '../api/agreements-api';

const REASONS: LegalHoldReason[] = ['litigation', 'investigation', 'records_request', 'other'];

/** The holds in place (GET …/legal-holds), each with its lift button, and the form to place one. */
export function LegalHolds({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation('agreements');
  const dateTime = useDateTime();
  const holds = useLegalHolds(agreementId);
  const place = usePlaceLegalHold(agreementId);
  const lift = useLiftLegalHold(agreementId);
  const [reason, setReason] = useState<LegalHoldReason>('litigation');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="holds-title">
      <Title order={2} size="h3" id="holds-title">
        {t('holds.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('holds.intro')}
      </Text>
      <ErrorAlert error={holds.error ?? lift.error ?? place.error ?? undefined} />
      {holds.data?.length === 0 && <Text size="sm">{t('holds.none')}</Text>}
      {holds.data && holds.data.length > 0 && (
        <List size="sm" mb="sm" spacing="xs">
          {holds.data.map((hold) => {
            const label = t(`holdReason.${hold.reason as LegalHoldReason}`);
            return (
              <List.Item key={hold.id}>
                <Group gap="sm">
                  <span>{t('holds.item', { reason: label, time: dateTime(hold.setAt) })}</span>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => lift.mutate(hold.id)}
                    loading={lift.isPending && lift.variables === hold.id}
                  >
                    {t('holds.lift', { reason: label })}
                  </Button>
                </Group>
              </List.Item>
            );
          })}
        </List>
      )}
      {lift.isSuccess && (
        <Text size="sm" role="status">
          {t('holds.lifted')}
        </Text>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          place.mutate(reason);
        }}
      >
        <Group align="flex-end">
          <NativeSelect
            label={t('holds.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value as LegalHoldReason)}
            data={REASONS.map((r) => ({ value: r, label: t(`holdReason.${r}`) }))}
          />
          <Button type="submit" loading={place.isPending}>
            {t('holds.place')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}

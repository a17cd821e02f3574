import { Button, Group, Modal, Paper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { type Agreement, useEndAgreement } from '../api/agreements-api';
import { versionInForce } from '../utils/agreement-views';

/** Suspend (when a version is in force) or terminate, each after a confirmation dialog: either party alone, at once. */
export function EndAgreement({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation('agreements');
  const end = useEndAgreement(agreement.id);
  const [asking, setAsking] = useState<'suspend' | 'terminate' | null>(null);
  if (agreement.terminatedAt) return null;
  const confirm = () =>
    asking && end.mutate(asking, { onSuccess: () => setAsking(null), onError: () => setAsking(null) });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="end-title">
      <Title order={2} size="h3" id="end-title">
        {t('end.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('end.intro')}
      </Text>
      <ErrorAlert error={end.error ?? undefined} />
      <Group>
        {versionInForce(agreement) && (
          <Button variant="default" onClick={() => setAsking('suspend')}>
            {t('end.suspend')}
          </Button>
        )}
        <Button variant="default" onClick={() => setAsking('terminate')}>
          {t('end.terminate')}
        </Button>
      </Group>
      <Modal
        opened={asking !== null}
        onClose={() => setAsking(null)}
        closeButtonProps={{ 'aria-label': t('end.close') }}
        title={asking === 'terminate' ? t('end.confirmTerminateTitle') : t('end.confirmSuspendTitle')}
        centered
      >
        <Text size="sm" mb="md">
          {asking === 'terminate' ? t('end.confirmTerminate') : t('end.confirmSuspend')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setAsking(null)}>
            {t('end.cancel')}
          </Button>
          <Button color="red.9" onClick={confirm} loading={end.isPending}>
            {asking === 'terminate' ? t('end.confirmTerminateButton') : t('end.confirmSuspendButton')}
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}

import { Button, Group, Loader, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { useWorkers } from '../api/referrals-api';

/** Pick a worker of the team by name (and roles), from the organization's enabled outreach workers. */
export function AssignForm({
  busy,
  current,
  onAssign,
  onCancel,
}: {
  busy: boolean;
  current: string | null;
  onAssign: (workerId: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('referrals');
  const { t: tCommon } = useTranslation();
  const workers = useWorkers(true);
  const form = useForm({
    initialValues: { worker: '' },
    validate: { worker: (value) => (value ? null : t('assign.required')) },
  });
  const choices = (workers.data ?? []).filter((worker) => worker.id !== current);
  return (
    <form onSubmit={form.onSubmit(({ worker }) => onAssign(worker))} noValidate aria-labelledby="assign-title">
      <Stack gap="sm">
        <Title order={3} size="h5" id="assign-title">
          {t('assign.title')}
        </Title>
        <ErrorAlert error={workers.error ?? undefined} />
        {workers.isPending && <Loader size="sm" aria-label={tCommon('loading')} />}
        {workers.isSuccess && choices.length === 0 && <Text>{t('assign.noWorkers')}</Text>}
        {choices.length > 0 && (
          <NativeSelect
            label={t('assign.worker')}
            required
            data={[
              { value: '', label: t('assign.choose'), disabled: true },
              ...choices.map((worker) => ({
                value: worker.id,
                label: t('assign.workerOption', {
                  name: worker.displayName ?? t('assign.unnamed'),
                  roles: worker.roles.map((role) => tCommon(`roles.${role}`)).join(', '),
                }),
              })),
            ]}
            {...form.getInputProps('worker')}
          />
        )}
        <Group gap="sm" className="referral-steps">
          {choices.length > 0 && (
            <Button type="submit" loading={busy}>
              {t('assign.submit')}
            </Button>
          )}
          <Button variant="default" onClick={onCancel} disabled={busy}>
            {t('assign.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import { Alert, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '@/lib/use-date-time';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { type AccountAct, useAccountAct } from '../api/people-api';
import { accountStateOf, actionsFor, type Person } from '../utils/people-views';

type Done =
  | { act: 'disable' | 'enable' | 'release-lockout' }
  | { act: 'reset'; email: string; expiresAt: string; emailed: boolean };

/**
 * Disable / enable, release a lockout, reset the sign-in. The two that end someone's sessions (disable, reset) ask
 * for confirmation first; each says what it did, in words, as it is done.
 */
export function AccountActions({ person, name, selfId }: { person: Person; name: string; selfId: string | undefined }) {
  const { t } = useTranslation('people');
  const dateTime = useDateTime();
  const act = useAccountAct(person.id!);
  const [asking, setAsking] = useState<'disable' | 'reset' | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const allowed = actionsFor(
    { id: person.id!, status: person.status ?? 'active', locked: person.locked ?? false },
    selfId,
  );
  const state = accountStateOf({ status: person.status ?? 'active', locked: person.locked ?? false });
  const run = (which: AccountAct) => {
    setDone(null);
    act.mutate(which, {
      onSuccess: (result) =>
        setDone(
          result.act === 'reset' && 'enrollment' in result
            ? {
                act: 'reset',
                email: result.user.email,
                expiresAt: result.enrollment.expiresAt,
                emailed: result.enrollment.emailed,
              }
            : { act: result.act as 'disable' | 'enable' | 'release-lockout' },
        ),
      onSettled: () => setAsking(null),
    });
  };
  const doneText = (d: Done) => {
    switch (d.act) {
      case 'disable':
        return t('account.disabled');
      case 'enable':
        return t('account.enabled');
      case 'release-lockout':
        return t('account.released');
      case 'reset':
        return d.emailed
          ? t('account.resetSent', { email: d.email, expires: dateTime(d.expiresAt) })
          : t('account.resetNotSent');
    }
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="account-title">
      <Title order={2} size="h3" id="account-title" mb="xs">
        {t('account.title')}
      </Title>
      <Stack gap="sm">
        {person.id === selfId && <Text size="sm">{t('account.self')}</Text>}
        {state === 'locked' && <Text size="sm">{t('account.lockedNote')}</Text>}
        {state === 'invited' && <Text size="sm">{t('account.invitedNote')}</Text>}
        {done && (
          <Alert role="status" color={done.act === 'reset' && !done.emailed ? 'orange' : 'green'} variant="light">
            {doneText(done)}
          </Alert>
        )}
        <ErrorAlert error={act.error ?? undefined} />
        <Group gap="sm">
          {allowed.releaseLockout && (
            <Button
              onClick={() => run('release-lockout')}
              loading={act.isPending && act.variables === 'release-lockout'}
            >
              {t('account.release')}
            </Button>
          )}
          {allowed.enable && (
            <Button onClick={() => run('enable')} loading={act.isPending && act.variables === 'enable'}>
              {t('account.enable')}
            </Button>
          )}
          {allowed.disable && (
            <Button variant="default" color="red" onClick={() => setAsking('disable')}>
              {t('account.disable')}
            </Button>
          )}
          {allowed.reset && (
            <Button variant="default" color="orange" onClick={() => setAsking('reset')}>
              {t('account.reset')}
            </Button>
          )}
        </Group>
      </Stack>
      <Modal
        opened={asking !== null}
        onClose={() => setAsking(null)}
        title={asking === 'reset' ? t('account.resetTitle', { name }) : t('account.disableTitle', { name })}
        centered
        lockScroll={false}
      >
        <Text size="sm" mb="md">
          {asking === 'reset' ? t('account.resetBody') : t('account.disableBody')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setAsking(null)}>
            {t('account.cancel')}
          </Button>
          <Button color="red" onClick={() => asking && run(asking)} loading={act.isPending}>
            {asking === 'reset' ? t('account.resetConfirm') : t('account.disableConfirm')}
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}

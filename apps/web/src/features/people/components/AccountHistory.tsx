import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '@/lib/use-date-time';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { useAccountEvents } from '../api/people-api';
import { type AccountEvent, eventLineOf, type EventLine, type Role } from '../utils/people-views';

/** The account's latest audited events in words: what, when, by whom (never where from: the API does not say). */
export function AccountHistory({ personId, selfId }: { personId: string; selfId: string | undefined }) {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const dateTime = useDateTime();
  const events = useAccountEvents(personId);
  const roleList = (roles: string[]) =>
    roles.length === 0 ? t('history.noRoles') : roles.map((role) => tc(`roles.${role as Role}`)).join(', ');

  const what = (event: AccountEvent, line: EventLine): string => {
    switch (line.what) {
      case 'user.create':
        return t('history.event.invited');
      case 'user.enroll_password':
        return t('history.event.passwordChosen');
      case 'user.enroll':
        return t('history.event.enrolled');
      case 'auth.login':
        return t('history.event.signedIn');
      case 'auth.login_failure':
        return t('history.event.signInFailed', { reason: t(`history.failure.${line.failure ?? 'other'}`) });
      case 'auth.password_change':
        return t('history.event.passwordChanged');
      case 'user.lockout':
        return t('history.event.locked');
      case 'user.lockout_release':
        return t('history.event.lockoutReleased');
      case 'user.disable':
        return t('history.event.disabled');
      case 'user.enable':
        return t('history.event.enabled');
      case 'user.reset':
        return t('history.event.reset');
      case 'user.roles_change':
        return t('history.event.rolesChanged', { from: roleList(line.from), to: roleList(line.to) });
      case null:
        return t('history.unknown', { code: event.action });
    }
  };
  const who = (line: EventLine): string | null => {
    switch (line.actor.kind) {
      case 'attempt':
        return null;
      case 'colleague':
        return line.actor.name
          ? t('history.actor.colleague', { name: line.actor.name })
          : t('history.actor.colleagueUnnamed');
      default:
        return t(`history.actor.${line.actor.kind}`);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="history-title">
      <Title order={2} size="h3" id="history-title">
        {t('history.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('history.intro')}
      </Text>
      {events.isError && <ErrorAlert error={events.error} />}
      {events.data &&
        (events.data.items.length === 0 ? (
          <Text c="dimmed">{t('history.empty')}</Text>
        ) : (
          <Stack gap={6} component="ol" className="people-history" aria-labelledby="history-title">
            {events.data.items.map((event) => {
              const line = eventLineOf(event, selfId);
              const by = who(line);
              return (
                <li key={event.seq} className="people-history-entry">
                  <Text size="sm" fw={600} span>
                    {what(event, line)}
                  </Text>
                  <Text size="sm" span>
                    {' · '}
                    <time dateTime={event.occurredAt}>{dateTime(event.occurredAt)}</time>
                    {by ? ` · ${by}` : ''}
                  </Text>
                </li>
              );
            })}
          </Stack>
        ))}
    </Paper>
  );
}

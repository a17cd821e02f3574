import { Anchor, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useOwnOrganization, useSession } from '@/lib/session';
import { useDateTime } from '@/lib/use-date-time';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageTitle } from '@/ui/PageTitle';
import { usePerson } from '../api/people-api';
import { AccountActions } from '../components/AccountActions';
import { AccountHistory } from '../components/AccountHistory';
import { AccountStateBadge } from '../components/AccountStateBadge';
import { RolesForm } from '../components/RolesForm';
import type { Role } from '../utils/people-views';

/** `/people/:personId`: one person's roles, account and history. */
export function PersonPage() {
  const { personId = '' } = useParams();
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const dateTime = useDateTime();
  const session = useSession();
  const organization = useOwnOrganization(true);
  const person = usePerson(personId);
  const back = (
    <Anchor component={Link} to="/people" size="sm">
      {t('person.back')}
    </Anchor>
  );
  if (person.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={tc('loading')} />
      </Center>
    );
  if (person.isError)
    return (
      <Stack gap="md">
        {back}
        <ErrorAlert error={person.error} />
      </Stack>
    );
  const data = person.data;
  const name = data.displayName ?? data.email ?? '';
  return (
    <Stack gap="md" className="people-page">
      {back}
      <div>
        <PageTitle>{name}</PageTitle>
        <Group gap="sm" mt={-8} wrap="wrap">
          <AccountStateBadge person={{ status: data.status ?? 'active', locked: data.locked ?? false }} />
          {data.displayName && <Text size="sm">{data.email}</Text>}
          {data.createdAt && (
            <Text size="sm" c="dimmed">
              {t('person.invitedOn', { date: dateTime(data.createdAt) })}
            </Text>
          )}
        </Group>
      </div>
      {organization.data && <RolesForm person={data} name={name} offered={organization.data.roles as Role[]} />}
      <AccountActions person={data} name={name} selfId={session.data?.id} />
      <AccountHistory personId={personId} selfId={session.data?.id} />
    </Stack>
  );
}

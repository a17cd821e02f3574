import { Center, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOwnOrganization, useSession } from '@/lib/session';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageTitle } from '@/ui/PageTitle';
import { usePeople } from '../api/people-api';
import { InviteForm } from '../components/InviteForm';
import { PeopleList } from '../components/PeopleList';
import type { Role } from '../utils/people-views';

/** `/people`: the org admin's people — invite someone, and everyone with their roles and account state. */
export function PeoplePage() {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const session = useSession();
  const organization = useOwnOrganization(true);
  const people = usePeople();
  return (
    <Stack gap="md" className="people-page">
      <div>
        <PageTitle>{t('list.title')}</PageTitle>
        <Text mt={-8}>{t('list.intro')}</Text>
      </div>
      {organization.data && <InviteForm roles={organization.data.roles as Role[]} />}
      {organization.isError && <ErrorAlert error={organization.error} />}
      {people.isPending ? (
        <Center py="xl">
          <Loader aria-label={tc('loading')} />
        </Center>
      ) : people.isError ? (
        <ErrorAlert error={people.error} />
      ) : (
        <PeopleList people={people.data} selfId={session.data?.id} />
      )}
    </Stack>
  );
}

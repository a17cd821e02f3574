import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Person, sortPeople } from '../utils/people-views';
import { AccountStateBadge } from './AccountStateBadge';

/** One card per person (it reads on a phone as on a desktop): name, e-mail, roles, state, and the way in. */
export function PeopleList({ people, selfId }: { people: readonly Person[]; selfId: string | undefined }) {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  return (
    <section aria-labelledby="people-heading">
      <Title order={2} size="h3" id="people-heading" mb="sm">
        {t('list.heading')}
      </Title>
      {people.length === 0 ? (
        <Text c="dimmed">{t('list.empty')}</Text>
      ) : (
        <Stack gap="sm" component="ul" className="people-list">
          {sortPeople(people).map((person) => {
            const name = person.displayName ?? person.email ?? '';
            return (
              <Paper withBorder p="sm" component="li" key={person.id} className="people-card">
                <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                  <div className="people-card-who">
                    <Anchor
                      component={Link}
                      to={`/people/${person.id}`}
                      fw={600}
                      aria-label={t('list.manage', { name })}
                    >
                      {name}
                    </Anchor>
                    {person.id === selfId && (
                      <Text span size="sm" c="dimmed" ml={6}>
                        ({t('list.you')})
                      </Text>
                    )}
                    {person.displayName && (
                      <Text size="sm" className="people-email">
                        {person.email}
                      </Text>
                    )}
                  </div>
                  <AccountStateBadge person={{ status: person.status ?? 'active', locked: person.locked ?? false }} />
                </Group>
                <Group gap={6} mt={6}>
                  {(person.roles ?? []).map((role) => (
                    <Badge key={role} variant="outline" color="gray" c="dark.9" className="people-role">
                      {tc(`roles.${role}`)}
                    </Badge>
                  ))}
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}
    </section>
  );
}

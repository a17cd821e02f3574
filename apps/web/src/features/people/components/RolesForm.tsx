import { Alert, Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-error';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { useChangeRoles } from '../api/people-api';
import { orderedRoles, type Person, type Role, rolesChanged } from '../utils/people-views';

/**
 * The person's roles as checkboxes of what the organization may hand out. Saving asks the admin to re-authenticate
 * when the API says so (it always does for role changes, unless they just did); its refusals show at the roles.
 */
export function RolesForm({ person, name, offered }: { person: Person; name: string; offered: readonly Role[] }) {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const current = person.roles ?? [];
  const [chosen, setChosen] = useState<string[]>(current);
  const [saved, setSaved] = useState(false);
  const change = useChangeRoles(person.id!);
  const empty = chosen.length === 0;
  const error = change.error;
  const fieldError = empty
    ? t('roles.required')
    : isApiError(error, 'ROLE_NOT_ALLOWED')
      ? t('invite.roleNotAllowed')
      : isApiError(error, 'SECOND_ADMIN_REQUIRED')
        ? t('roles.secondAdmin')
        : isApiError(error, 'CONFLICT')
          ? t('roles.ownAdmin')
          : undefined;
  const save = () => {
    setSaved(false);
    change.mutate(orderedRoles(chosen, offered), {
      // The checkboxes start again from what the API now says the roles are.
      onSuccess: (user) => {
        setChosen(user.roles);
        setSaved(true);
      },
    });
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="roles-title">
      <Title order={2} size="h3" id="roles-title">
        {t('roles.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('roles.intro')}
      </Text>
      <Stack gap="sm">
        <Checkbox.Group
          label={t('roles.legend', { name })}
          value={chosen}
          onChange={(next) => {
            setSaved(false);
            setChosen(next);
          }}
          error={fieldError}
        >
          <Stack gap={6} mt={6}>
            {/* A role the person holds but the kind no longer offers stays visible, so it can be taken away. */}
            {[...offered, ...current.filter((role) => !offered.includes(role as Role))].map((role) => (
              <Checkbox key={role} value={role} label={tc(`roles.${role as Role}`)} />
            ))}
          </Stack>
        </Checkbox.Group>
        {error && !fieldError && <ErrorAlert error={error} />}
        {saved && (
          <Alert role="status" color="green" variant="light">
            {t('roles.saved')}
          </Alert>
        )}
        <Group>
          <Button onClick={save} loading={change.isPending} disabled={empty || !rolesChanged(current, chosen)}>
            {t('roles.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

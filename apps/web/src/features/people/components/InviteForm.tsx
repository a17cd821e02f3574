import { Alert, Button, Checkbox, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invalidFields, isApiError } from '@/lib/api-error';
import { useDateTime } from '@/lib/use-date-time';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { useInvite } from '../api/people-api';
import { displayNameProblem, emailLooksValid, type Role } from '../utils/people-views';

interface InviteValues {
  displayName: string;
  email: string;
  roles: string[];
}

/**
 * Name, e-mail and roles (only those the organization's kind may hold, as the API lists them). The answer says
 * whether the link left by e-mail; the link itself never reaches the admin.
 */
export function InviteForm({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation('people');
  const { t: tc } = useTranslation();
  const dateTime = useDateTime();
  const invite = useInvite();
  const [outcome, setOutcome] = useState<{ email: string; expiresAt: string; emailed: boolean } | null>(null);
  const form = useForm<InviteValues>({
    initialValues: { displayName: '', email: '', roles: [] },
    validate: {
      email: (value) => (emailLooksValid(value) ? null : t('invite.emailInvalid')),
      displayName: (value) => (displayNameProblem(value) ? t('invite.nameInvalid') : null),
      roles: (value) => (value.length > 0 ? null : t('invite.rolesRequired')),
    },
  });
  // The API's refusals, at the field they concern.
  const refused = invalidFields(invite.error);
  const emailError =
    form.errors.email ??
    (isApiError(invite.error, 'CONFLICT')
      ? t('invite.emailTaken')
      : refused.includes('email')
        ? t('invite.emailInvalid')
        : undefined);
  const nameError = form.errors.displayName ?? (refused.includes('displayName') ? t('invite.nameInvalid') : undefined);
  const rolesError =
    form.errors.roles ??
    (isApiError(invite.error, 'ROLE_NOT_ALLOWED')
      ? t('invite.roleNotAllowed')
      : refused.some((path) => path.startsWith('roles'))
        ? t('invite.rolesRequired')
        : undefined);

  const submit = form.onSubmit((values) => {
    setOutcome(null);
    const displayName = values.displayName.trim();
    invite.mutate(
      { email: values.email.trim(), roles: values.roles as Role[], ...(displayName ? { displayName } : {}) },
      {
        onSuccess: (sent) => {
          setOutcome({
            email: sent.user.email,
            expiresAt: sent.enrollment.expiresAt,
            emailed: sent.enrollment.emailed,
          });
          form.reset();
        },
      },
    );
  });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="invite-title">
      <Title order={2} size="h3" id="invite-title">
        {t('invite.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('invite.intro')}
      </Text>
      {outcome && (
        <Alert role="status" color={outcome.emailed ? 'green' : 'orange'} variant="light" mb="md">
          {outcome.emailed
            ? t('invite.sent', { email: outcome.email, expires: dateTime(outcome.expiresAt) })
            : t('invite.notSent', { email: outcome.email })}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('invite.name')}
            description={t('invite.nameHint')}
            maxLength={100}
            autoComplete="off"
            {...form.getInputProps('displayName')}
            error={nameError}
          />
          <TextInput
            label={t('invite.email')}
            type="email"
            required
            autoComplete="off"
            {...form.getInputProps('email')}
            error={emailError}
          />
          <Checkbox.Group
            label={t('invite.roles')}
            description={t('invite.rolesHint')}
            withAsterisk
            {...form.getInputProps('roles')}
            error={rolesError}
          >
            <Stack gap={6} mt={6}>
              {roles.map((role) => (
                <Checkbox key={role} value={role} label={tc(`roles.${role}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
          <ErrorAlert error={invite.error ?? undefined} />
          <Group>
            <Button type="submit" loading={invite.isPending}>
              {t('invite.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOwnOrganization, useSession } from '@/lib/session';
import { PageTitle } from '@/ui/PageTitle';

/** For roles whose screens come later (admin, board, operator): who you are, nothing more. */
export function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useSession();
  const { data: organization } = useOwnOrganization(Boolean(me));
  if (!me) return null;
  return (
    <Stack gap="sm">
      <PageTitle>{t('home.title', { name: me.displayName ?? me.email ?? '' })}</PageTitle>
      <Text>
        {organization ? t('home.introWithOrganization', { organization: organization.name }) : t('home.intro')}
      </Text>
      <Text fw={600}>{t('home.yourRoles')}</Text>
      <Group gap="xs">
        {(me.roles ?? []).map((role) => (
          <Badge key={role} variant="light">
            {t(`roles.${role}`)}
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}

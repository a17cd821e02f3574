import { Button, Menu, Text } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '@/api/schema';
import { SignOutMenuItem } from '@/features/auth';

type Role = components['schemas']['Role'];

/**
 * Who is signed in, the password page and sign out. Loaded (and opened) by the first click on the
 * header's account button (AppShellLayout).
 */
export function AccountMenu({
  name,
  organizationName,
  roles,
}: {
  name: string;
  organizationName?: string;
  roles: readonly Role[];
}) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" defaultOpened>
      <Menu.Target>
        <Button variant="default" size="xs" aria-label={t('header.account', { name })} maw={180}>
          <Text span size="xs" truncate="end">
            {name}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('header.signedInAs', { name })}</Menu.Label>
        {organizationName && <Menu.Label>{organizationName}</Menu.Label>}
        <Menu.Label>{roles.map((role) => t(`roles.${role}`)).join(', ')}</Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to="/account/password">
          {t('nav.password')}
        </Menu.Item>
        <Suspense fallback={null}>
          <SignOutMenuItem />
        </Suspense>
      </Menu.Dropdown>
    </Menu>
  );
}

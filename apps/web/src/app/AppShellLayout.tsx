import { Anchor, Box, Button, Group, Menu, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, Outlet } from 'react-router';
import { SignOutMenuItem } from '@/features/auth';
import { useOwnOrganization, useSession } from '@/lib/session';
import { LanguageSwitch } from '@/ui/LanguageSwitch';
import { navigationFor } from './navigation';

/**
 * The frame after sign-in: who is signed in, the language, sign out, and the person's screens.
 * Plain elements and app.css rather than Mantine's AppShell, whose responsive sizes arrive as an
 * inline `<style>` the CSP (style-src 'self') refuses.
 */
export function AppShellLayout() {
  const { t } = useTranslation();
  const { data: me } = useSession();
  const { data: organization } = useOwnOrganization(Boolean(me));
  if (!me) return null;
  const name = me.displayName ?? me.email ?? '';
  const roles = me.roles ?? [];
  const links = navigationFor(roles);
  return (
    <div className="app-shell">
      <a href="#main" className="skip-link">
        {t('skipToContent')}
      </a>
      <header className="app-header">
        <Group px="sm" py={8} justify="space-between" wrap="nowrap">
          <div className="app-title">
            <Anchor component={Link} to="/" fw={700} size="lg" underline="never" c="inherit">
              {t('appName')}
            </Anchor>
            {organization && (
              <Text size="xs" c="dimmed" truncate="end">
                {organization.name}
              </Text>
            )}
          </div>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="default" size="xs" aria-label={t('header.account', { name })} maw={180}>
                  <Text span size="xs" truncate="end">
                    {name}
                  </Text>
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('header.signedInAs', { name })}</Menu.Label>
                {organization && <Menu.Label>{organization.name}</Menu.Label>}
                <Menu.Label>{roles.map((role) => t(`roles.${role}`)).join(', ')}</Menu.Label>
                <Menu.Divider />
                <Menu.Item component={Link} to="/account/password">
                  {t('nav.password')}
                </Menu.Item>
                <SignOutMenuItem />
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
        <nav aria-label={t('nav.main')} className="app-nav">
          {links.map((link) => (
            <Button
              key={link.to}
              component={RouterNavLink}
              to={link.to}
              variant="subtle"
              size="compact-sm"
              className="nav-link"
            >
              {t(link.label)}
            </Button>
          ))}
        </nav>
      </header>
      <Box component="main" id="main" p="md" className="app-main">
        <Outlet />
      </Box>
    </div>
  );
}

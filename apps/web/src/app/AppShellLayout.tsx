import { Anchor, Box, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { lazy, Suspense, useState } from 'react';
import { Link, NavLink as RouterNavLink, Outlet } from 'react-router';
import type { components } from '@/api/schema';
import { useOwnOrganization, useSession } from '@/lib/session';
import { LanguageSwitch } from '@/ui/LanguageSwitch';
import { PageLoader } from '@/ui/PageLoader';
import { navigationFor } from './navigation';

type Role = components['schemas']['Role'];

// The account menu (a floating dropdown and its positioning library) loads on the first click on its button: the
// inbox, phone first, does not wait for it (issue 17 item 6).
const AccountMenu = lazy(() => import('./AccountMenu').then((m) => ({ default: m.AccountMenu })));

function AccountMenuButton(props: { name: string; organizationName?: string; roles: readonly Role[] }) {
  const { t } = useTranslation();
  const [wanted, setWanted] = useState(false);
  const button = (
    <Button
      variant="default"
      size="xs"
      aria-label={t('header.account', { name: props.name })}
      aria-haspopup="menu"
      maw={180}
      loading={wanted}
      onClick={() => setWanted(true)}
    >
      <Text span size="xs" truncate="end">
        {props.name}
      </Text>
    </Button>
  );
  if (!wanted) return button;
  return (
    <Suspense fallback={button}>
      <AccountMenu {...props} />
    </Suspense>
  );
}

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
            <AccountMenuButton name={name} organizationName={organization?.name} roles={roles} />
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
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </Box>
    </div>
  );
}

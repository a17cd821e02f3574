import { Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSignOut } from '../api/auth-api';

/** The account menu's "Sign out": ends the session, empties the cache, reloads onto sign-in. */
export function SignOutMenuItem() {
  const { t } = useTranslation('auth');
  const signOut = useSignOut();
  return (
    <Menu.Item color="red" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
      {t('signOut')}
    </Menu.Item>
  );
}

import { Loader, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { fetchDemoCode, useDemoAccounts } from '../api/auth-api';

/**
 * On the embedded demo only (the API answers 404 anywhere else, and then nothing is shown): the
 * demo accounts by journey; picking one fills the sign-in form, current code included.
 */
export function DemoAccountsPanel({
  onPick,
}: {
  onPick: (account: { email: string; password: string; code: string }) => void;
}) {
  const { t } = useTranslation('auth');
  const demo = useDemoAccounts();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  if (!demo.data) return null;
  const { password, journeys } = demo.data;
  const pick = async (email: string) => {
    setBusy(email);
    setFailure(null);
    try {
      const { code } = await fetchDemoCode(email);
      onPick({ email, password, code });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="demo-accounts-title">
      <Title order={2} size="h3" id="demo-accounts-title" mb="xs">
        {t('demo.title')}
      </Title>
      <Text size="sm" mb="md">
        {t('demo.intro', { password })}
      </Text>
      <ErrorAlert error={failure ?? undefined} />
      <Stack gap="md">
        {journeys.map((journey) => (
          <div key={journey.key}>
            <Title order={3} size="h5" mb={4}>
              {t(`demo.journey.${journey.key}`)}
            </Title>
            <Stack gap={4}>
              {journey.accounts.map((account) => (
                <UnstyledButton
                  key={account.email}
                  className="demo-account"
                  onClick={() => void pick(account.email)}
                  disabled={busy !== null}
                >
                  <Text span fw={600} c="var(--mantine-color-anchor)" className="demo-account-email">
                    {account.email}
                  </Text>
                  <Text span size="xs" c="dimmed" display="block">
                    {account.organization}
                  </Text>
                  {busy === account.email && <Loader size="xs" aria-hidden />}
                </UnstyledButton>
              ))}
            </Stack>
          </div>
        ))}
      </Stack>
    </Paper>
  );
}

import { Box, Container, Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/**
 * The frame of the pages before sign-in: the name, the language switch and one card, phone first;
 * an aside (the demo accounts) goes below on a phone and beside the card on a wide screen.
 */
export function AuthLayout({ children, aside }: { children: ReactNode; aside?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Container size={aside ? 'lg' : 'xs'} px="sm" py="lg">
      <Group justify="space-between" mb="md" component="header">
        <Text fw={700} size="xl">
          {t('appName')}
        </Text>
        <LanguageSwitch />
      </Group>
      <Box component="main" id="main" className={aside ? 'auth-columns' : undefined}>
        <Paper withBorder p="md" radius="md">
          {children}
        </Paper>
        {aside}
      </Box>
    </Container>
  );
}

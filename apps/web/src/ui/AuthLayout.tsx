import { Box, Container, Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of the pages before sign-in: the name, the language switch and one card, phone first. */
export function AuthLayout({ children, aside }: { children: ReactNode; aside?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Container size={aside ? 'md' : 'xs'} px="sm" py="lg">
      <Group justify="space-between" mb="md" component="header">
        <Text fw={700} size="xl">
          {t('appName')}
        </Text>
        <LanguageSwitch />
      </Group>
      <Box component="main" id="main">
        <Paper withBorder p="md" radius="md" mb="lg">
          {children}
        </Paper>
        {aside}
      </Box>
    </Container>
  );
}

import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ReauthenticationProvider } from '@/features/auth';
import { i18n } from './i18n';
import { queryClient } from './query-client';
import { theme } from './theme';

/**
 * Mantine without its runtime `<style>` tags (CSS variables and global classes come from its
 * stylesheet; the theme keeps Mantine's defaults), so the CSP can stay `style-src 'self'`.
 */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} withCssVariables={false} withGlobalClasses={false} forceColorScheme="light">
        <QueryClientProvider client={queryClient}>
          <ReauthenticationProvider>{children}</ReauthenticationProvider>
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}

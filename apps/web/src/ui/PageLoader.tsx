import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Shown while a screen's code arrives (each area of the app is its own chunk, loaded on first
 * visit): a status a screen reader announces, in the person's language.
 */
export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-label={t('loadingPage')}>
      <Loader aria-hidden />
    </Center>
  );
}

import { Title, type TitleOrder } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The page's heading and the tab's title. Focus moves to it when the page opens, so a screen
 * reader announces the new page after a client-side route change instead of staying silent.
 */
export function PageTitle({ children, order = 1 }: { children: string; order?: TitleOrder }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${children} · ${t('appName')}`;
  }, [children, t]);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <Title order={order} size="h2" ref={ref} tabIndex={-1} mb="md" className="page-title">
      {children}
    </Title>
  );
}

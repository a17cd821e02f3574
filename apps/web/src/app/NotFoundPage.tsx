import { Anchor, Container, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '@/ui/PageTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Container size="xs" py="xl" component="main" id="main">
      <PageTitle>{t('notFound.title')}</PageTitle>
      <Text mb="md">{t('notFound.body')}</Text>
      <Anchor component={Link} to="/">
        {t('notFound.back')}
      </Anchor>
    </Container>
  );
}

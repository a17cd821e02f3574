import { Alert, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { mapAreas } from '@/lib/service-area-map';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageTitle } from '@/ui/PageTitle';
import { useCurrentServiceAreas } from '../api/service-areas-api';
import { AreasView } from '../components/AreasView';
import { UploadAreas } from '../components/UploadAreas';

/** `/service-areas`: the organization's current areas (map and table), and the upload that replaces them. */
export function ServiceAreasPage() {
  const { t } = useTranslation('serviceAreas');
  const { t: tc } = useTranslation();
  const current = useCurrentServiceAreas();
  const areas = mapAreas(current.data);
  return (
    <Stack gap="lg" className="service-areas-page">
      <div>
        <PageTitle>{t('title')}</PageTitle>
        <Text mt={-8}>{t('intro')}</Text>
      </div>
      <section aria-labelledby="current-heading">
        <Title order={2} size="h3" id="current-heading" mb="sm">
          {t('current.heading')}
        </Title>
        {current.isPending ? (
          <Center py="xl">
            <Loader aria-label={tc('loading')} />
          </Center>
        ) : current.isError ? (
          <ErrorAlert error={current.error} />
        ) : areas.length === 0 ? (
          <Alert role="note" color="gray" variant="light">
            {t('current.none')}
          </Alert>
        ) : (
          <AreasView
            areas={areas}
            mapLabel={t('current.mapLabel', { codes: areas.map((a) => a.code).join(', ') })}
            testId="current-map"
          />
        )}
      </section>
      <UploadAreas />
    </Stack>
  );
}

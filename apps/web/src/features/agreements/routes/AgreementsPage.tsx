import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '@/lib/session';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { PageLoader } from '@/ui/PageLoader';
import { PageTitle } from '@/ui/PageTitle';
import { useAgreements } from '../api/agreements-api';
import { AgreementTable } from '../components/AgreementTable';
import { StartAgreementForm } from '../components/StartAgreementForm';

/** The org admin's agreements, and the form to start one from a template. */
export function AgreementsPage() {
  const { t } = useTranslation('agreements');
  const agreements = useAgreements();
  const orgId = useSession().data?.orgId ?? '';
  return (
    <Stack gap="lg">
      <div>
        <PageTitle>{t('list.title')}</PageTitle>
        <Text size="sm" mt={-8}>
          {t('list.intro')}
        </Text>
      </div>
      {agreements.isPending && <PageLoader />}
      <ErrorAlert error={agreements.error ?? undefined} />
      {agreements.data && <AgreementTable agreements={agreements.data} orgId={orgId} />}
      <StartAgreementForm orgId={orgId} />
    </Stack>
  );
}

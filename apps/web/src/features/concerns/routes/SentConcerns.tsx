import { Center, Loader, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '@/lib/use-date-time';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { useSentConcerns } from '../api/concerns-api';
import { type SentConcern, sentConcernState } from '../utils/concern-form';

/**
 * The concerns the program sent, newest first, and what the police did with each as the API says it:
 * acknowledged within the deadline or after it, past its deadline, or waiting. Asked again every 15 s.
 */
export function SentConcerns() {
  const { t } = useTranslation('concerns');
  const { t: tc } = useTranslation();
  const dateTime = useDateTime();
  const concerns = useSentConcerns();
  const headingId = useId();
  // As of the answer (polled every 15 s): whether a deadline has passed is judged at that moment.
  const now = new Date(concerns.dataUpdatedAt);
  const state = (concern: SentConcern) => {
    switch (sentConcernState(concern, now)) {
      case 'inTime':
        return t('sentList.inTime', { time: dateTime(concern.acknowledgedAt!) });
      case 'late':
        return t('sentList.late', { time: dateTime(concern.acknowledgedAt!) });
      case 'overdue':
        return t('sentList.overdue', { time: dateTime(concern.ackDueAt ?? concern.sentAt) });
      default:
        return concern.ackDueAt
          ? t('sentList.waiting', { time: dateTime(concern.ackDueAt) })
          : t('sentList.noDeadline');
    }
  };
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId} mt="xl" mb="xs">
        {t('sentList.title')}
      </Title>
      {concerns.isPending ? (
        <Center py="md">
          <Loader size="sm" aria-label={tc('loading')} />
        </Center>
      ) : !concerns.data ? (
        <ErrorAlert error={concerns.error} />
      ) : concerns.data.length === 0 ? (
        <Text c="dimmed">{t('sentList.empty')}</Text>
      ) : (
        <div className="concerns-table-scroll">
          <Table verticalSpacing="xs" aria-labelledby={headingId}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('type')}</Table.Th>
                <Table.Th scope="col">{t('sentList.to')}</Table.Th>
                <Table.Th scope="col">{t('sentList.sentAt')}</Table.Th>
                <Table.Th scope="col">{t('sentList.police')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {concerns.data.map((concern) => (
                <Table.Tr key={concern.disclosureId}>
                  <Table.Th scope="row">
                    {concern.concernType ? t(`types.${concern.concernType}`) : t('sentList.purged')}
                    {concern.area ? ` · ${concern.area}` : ''}
                  </Table.Th>
                  <Table.Td>{concern.recipientOrgName}</Table.Td>
                  <Table.Td>{dateTime(concern.sentAt)}</Table.Td>
                  <Table.Td>{state(concern)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </section>
  );
}

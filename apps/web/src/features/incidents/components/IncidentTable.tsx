import { Anchor, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useDateTime } from '@/lib/use-date-time';
import type { IncidentSummary } from '../api/incidents-api';
import { SharingSummary } from './SharingSummary';

/**
 * The incidents as a table named for screen readers, with column and row headers; each type links to the incident's
 * page.
 */
export function IncidentTable({ incidents }: { incidents: IncidentSummary[] }) {
  const { t } = useTranslation('incidents');
  const dateTime = useDateTime();
  const listSearch = useLocation().search;
  return (
    <div className="incident-table-scroll">
      <Table striped highlightOnHover verticalSpacing="sm" className="incident-table" aria-label={t('list.caption')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('list.incident')}</Table.Th>
            <Table.Th scope="col">{t('list.occurred')}</Table.Th>
            <Table.Th scope="col">{t('list.area')}</Table.Th>
            <Table.Th scope="col">{t('list.sharing')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {incidents.map((incident) => (
            <Table.Tr key={incident.id}>
              <Table.Th scope="row">
                <Anchor component={Link} to={`/incidents/${incident.id}`} state={{ listSearch }} fw={600}>
                  {t(`type.${incident.type}`)}
                </Anchor>
              </Table.Th>
              <Table.Td>
                <time dateTime={new Date(incident.occurredAt).toISOString()}>{dateTime(incident.occurredAt)}</time>
              </Table.Td>
              <Table.Td>{incident.serviceArea}</Table.Td>
              <Table.Td>
                <SharingSummary counts={incident.disclosures} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MapArea } from '@/lib/service-area-map';
import { ServiceAreaMap } from '@/ui/ServiceAreaMap';

/** Areas on the shared map (ui/ServiceAreaMap) and, for every reader, the same areas as a table of code and name. */
export function AreasView({ areas, mapLabel, testId }: { areas: MapArea[]; mapLabel: string; testId: string }) {
  const { t } = useTranslation('serviceAreas');
  return (
    <div className="areas-view">
      {areas.length > 0 && <ServiceAreaMap areas={areas} label={mapLabel} testId={testId} />}
      <Table striped withTableBorder captionSide="top">
        <Table.Caption>{t('table.caption', { count: areas.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('table.code')}</Table.Th>
            <Table.Th scope="col">{t('table.name')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {areas.map((a) => (
            <Table.Tr key={a.code}>
              <Table.Td>{a.code}</Table.Td>
              <Table.Td>{a.name}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

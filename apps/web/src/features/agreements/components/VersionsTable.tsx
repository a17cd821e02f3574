import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '@/lib/use-date-time';
import type { Agreement } from '../api/agreements-api';
import { approvalsBySide } from '../utils/agreement-views';
import { useTermsT } from './words';

/** Every version, oldest first: status, when proposed, each side's approval (organization and time), in force from. */
export function VersionsTable({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation('agreements');
  const terms = useTermsT();
  const dateTime = useDateTime();
  const dash = t('versions.dash');
  return (
    // Focusable: on a phone the table scrolls sideways and has nothing else to reach it with a keyboard.
    <div className="agreement-table-scroll" tabIndex={0} role="group" aria-label={t('versions.caption')}>
      <Table verticalSpacing="xs" className="agreement-table" aria-label={t('versions.caption')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('versions.version')}</Table.Th>
            <Table.Th scope="col">{t('versions.status')}</Table.Th>
            <Table.Th scope="col">{t('versions.proposed')}</Table.Th>
            <Table.Th scope="col">{t('versions.approvals')}</Table.Th>
            <Table.Th scope="col">{t('versions.activeSince')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agreement.versions.map((version) => (
            <Table.Tr key={version.id}>
              <Table.Th scope="row">{version.version}</Table.Th>
              <Table.Td>{t(`status.${version.status}`)}</Table.Td>
              <Table.Td>{version.proposedAt ? dateTime(version.proposedAt) : dash}</Table.Td>
              <Table.Td>
                {approvalsBySide(agreement, version).map(({ side, approvedAt }) => (
                  <div key={side}>
                    {approvedAt
                      ? t('versions.approvedAt', { side: terms(`party.${side}`), time: dateTime(approvedAt) })
                      : t('versions.notApproved', { side: terms(`party.${side}`) })}
                  </div>
                ))}
              </Table.Td>
              <Table.Td>{version.activatedAt ? dateTime(version.activatedAt) : dash}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Agreement } from '../api/agreements-api';
import { agreementState, openVersion, sideOf, versionInForce } from '../utils/agreement-views';
import { StateBadge } from './StateBadge';
import { useTermsT } from './words';

/** The organization's agreements: title, its side, the other party, state, in force and under discussion. */
export function AgreementTable({ agreements, orgId }: { agreements: Agreement[]; orgId: string }) {
  const { t } = useTranslation('agreements');
  const terms = useTermsT();
  if (agreements.length === 0) return <Text>{t('list.empty')}</Text>;
  return (
    <div className="agreement-table-scroll">
      <Table striped verticalSpacing="sm" className="agreement-table" aria-label={t('list.caption')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('list.agreement')}</Table.Th>
            <Table.Th scope="col">{t('list.side')}</Table.Th>
            <Table.Th scope="col">{t('list.otherParty')}</Table.Th>
            <Table.Th scope="col">{t('list.state')}</Table.Th>
            <Table.Th scope="col">{t('list.inForce')}</Table.Th>
            <Table.Th scope="col">{t('list.open')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agreements.map((agreement) => {
            const inForce = versionInForce(agreement);
            const open = openVersion(agreement);
            return (
              <Table.Tr key={agreement.id}>
                <Table.Th scope="row">
                  <Anchor component={Link} to={`/agreements/${agreement.id}`}>
                    {agreement.title}
                  </Anchor>
                </Table.Th>
                <Table.Td>{terms(`party.${sideOf(agreement, orgId)}`)}</Table.Td>
                <Table.Td>
                  {sideOf(agreement, orgId) === 'police' ? agreement.partnerOrgName : agreement.policeOrgName}
                </Table.Td>
                <Table.Td>
                  <StateBadge state={agreementState(agreement)} />
                </Table.Td>
                <Table.Td>{inForce ? t('list.versionNumber', { version: inForce.version }) : t('list.none')}</Table.Td>
                <Table.Td>
                  {open
                    ? `${t('list.versionNumber', { version: open.version })} · ${t(`status.${open.status}`)}`
                    : t('list.none')}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}

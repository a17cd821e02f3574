import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDateTime } from '@/lib/use-date-time';
import type { BoardAuditEntry } from '../api/board-api';
import {
  actionKey,
  actorOf,
  alertTargetHours,
  deadlineOf,
  partyName,
  type ReleasedDetails,
} from '../utils/audit-labels';
import { useBoardAgreement } from './BoardContext';

const ROLES = ['org_admin', 'police_liaison', 'program_manager', 'outreach_worker', 'board_member'] as const;
type KnownRole = (typeof ROLES)[number];
const isKnownRole = (role: string): role is KnownRole => (ROLES as readonly string[]).includes(role);

/** "Outreach program acknowledged an alert — within the 2 h deadline", and who, when, under which version. */
export function AuditTable({
  entries,
  details,
}: {
  entries: BoardAuditEntry[];
  details: Map<number, ReleasedDetails> | null;
}) {
  const { t } = useTranslation('board');
  const dateTime = useDateTime();
  const { agreement } = useBoardAgreement();
  const targetOf = (version: number | null) =>
    alertTargetHours(agreement.versions.find((v) => v.version === version)?.sharingParameters);
  const actorName = (orgId: string | null) => partyName(orgId, agreement) ?? t(`party.${actorOf(orgId, agreement)}`);
  return (
    <div className="board-table-scroll">
      <Table className="board-audit-table">
        <Table.Caption>{t('audit.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('audit.when')}</Table.Th>
            <Table.Th scope="col">{t('audit.what')}</Table.Th>
            <Table.Th scope="col">{t('audit.as')}</Table.Th>
            <Table.Th scope="col">{t('audit.version')}</Table.Th>
            <Table.Th scope="col">{t('audit.entry')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => {
            const key = actionKey(entry.action);
            const actor = actorName(entry.actorOrgId);
            const sentence = key ? t(`action.${key}`, { actor }) : t('action.other', { actor, code: entry.action });
            const deadline = deadlineOf(entry.action, details?.get(entry.seq), targetOf(entry.agreementVersion));
            const deadlineText = !deadline
              ? ''
              : deadline.hours === null
                ? t(`deadline.${deadline.key}NoHours`)
                : t(`deadline.${deadline.key}`, { hours: deadline.hours });
            const refused = entry.outcome === 'denied' || entry.outcome === 'failure';
            return (
              <Table.Tr key={entry.seq}>
                <Table.Td>{dateTime(entry.occurredAt)}</Table.Td>
                <Table.Th scope="row" fw={400}>
                  {sentence}
                  {deadline && ` — ${deadlineText}`}
                  {refused && ` — ${t('audit.refused', { reason: entry.reason ?? t('audit.noReason') })}`}
                  {entry.fieldsWithheld.length > 0 && (
                    <Text size="xs" c="dimmed">
                      {t('audit.withheld', { fields: entry.fieldsWithheld.join(', ') })}
                    </Text>
                  )}
                </Table.Th>
                <Table.Td>
                  {entry.actorRoles.map((role) => (isKnownRole(role) ? t(`role.${role}`) : role)).join(', ') || '—'}
                </Table.Td>
                <Table.Td>
                  {entry.agreementVersion === null ? (
                    '—'
                  ) : entry.agreementVersion > 1 ? (
                    <Anchor
                      component={Link}
                      to={`../versions?from=${entry.agreementVersion - 1}&to=${entry.agreementVersion}`}
                      relative="path"
                    >
                      {t('audit.versionLink', { version: entry.agreementVersion })}
                    </Anchor>
                  ) : (
                    t('audit.versionNumber', { version: entry.agreementVersion })
                  )}
                </Table.Td>
                <Table.Td>{entry.seq}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}

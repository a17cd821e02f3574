import { Button, List, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '@/lib/use-date-time';
import { useDayFormat } from '../hooks/useDayFormat';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { type ReviewSignOff, useRecordSignOff, useSignOffs } from '../api/sign-off-api';
import { actorOf, partyName } from '../utils/audit-labels';
import type { Period } from '../utils/period';
import { useBoardAgreement } from './BoardContext';

/** Who signed, as the board knows the parties (the API names the organization, never the person). */
export function useSignerName() {
  const { t } = useTranslation('board');
  const { agreement } = useBoardAgreement();
  return (orgId: string) => partyName(orgId, agreement) ?? t(`party.${actorOf(orgId, agreement)}`);
}

/** The last sign-off of the agreement, in a sentence. */
export function LastSignOff({ signOff }: { signOff: ReviewSignOff | null | undefined }) {
  const { t } = useTranslation('board');
  const dateTime = useDateTime();
  const day = useDayFormat();
  const signer = useSignerName();
  if (!signOff) return <Text>{t('signOff.none')}</Text>;
  return (
    <Stack gap={4}>
      <Text>
        {t('signOff.last', {
          org: signer(signOff.orgId),
          at: dateTime(signOff.signedAt),
          from: day(signOff.from),
          // The period's end is exclusive: the last day reviewed is the one before it.
          to: day(new Date(new Date(signOff.to).getTime() - 1)),
        })}
      </Text>
      {signOff.comments && (
        <Text size="sm" className="board-comments">
          {t('signOff.comments', { comments: signOff.comments })}
        </Text>
      )}
    </Stack>
  );
}

/** The sign-offs before the last one (both parties' boards), newest first. */
function EarlierSignOffs({ signOffs }: { signOffs: ReviewSignOff[] }) {
  const { t } = useTranslation('board');
  const dateTime = useDateTime();
  const day = useDayFormat();
  const signer = useSignerName();
  return (
    <div>
      <Text size="sm" fw={600}>
        {t('signOff.earlier')}
      </Text>
      <List size="sm" spacing={2}>
        {signOffs.map((signOff) => (
          <List.Item key={signOff.id}>
            {t('signOff.earlierItem', {
              org: signer(signOff.orgId),
              at: dateTime(signOff.signedAt),
              from: day(signOff.from),
              to: day(new Date(new Date(signOff.to).getTime() - 1)),
            })}
          </List.Item>
        ))}
      </List>
    </div>
  );
}

/** The board records that it reviewed the period, with its comments (audited; both parties' boards see it). */
export function SignOffPanel({ period, last }: { period: Period; last: ReviewSignOff | null | undefined }) {
  const { t } = useTranslation('board');
  const { agreement } = useBoardAgreement();
  const [comments, setComments] = useState('');
  const record = useRecordSignOff(agreement.id);
  const history = useSignOffs(agreement.id);
  const earlier = (history.data?.items ?? []).slice(1, 6);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="board-sign-off">
      <Title order={2} size="h4" id="board-sign-off" mb="xs">
        {t('signOff.title')}
      </Title>
      <Stack gap="sm">
        <LastSignOff signOff={record.data ?? last} />
        {earlier.length > 0 && <EarlierSignOffs signOffs={earlier} />}
        <form
          className="board-no-print"
          onSubmit={(event) => {
            event.preventDefault();
            record.mutate({ period, comments: comments.trim() || null }, { onSuccess: () => setComments('') });
          }}
        >
          <Stack gap="xs">
            <Textarea
              label={t('signOff.commentsLabel')}
              description={t('signOff.commentsHelp')}
              value={comments}
              maxLength={2000}
              autosize
              minRows={2}
              onChange={(e) => setComments(e.currentTarget.value)}
            />
            <ErrorAlert error={record.error} />
            {record.isSuccess && (
              <Text role="status" size="sm">
                {t('signOff.recorded')}
              </Text>
            )}
            <Button type="submit" loading={record.isPending} className="board-sign-off-button">
              {t('signOff.submit')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}

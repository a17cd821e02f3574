import { Button, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { type Disclosure, useAcknowledge } from '../api/inbox-api';
import { DeadlineText } from './DeadlineText';

/**
 * The deadline and one big button to acknowledge. Once acknowledged, the same place says when and
 * whether that was within the deadline, and takes focus so a screen reader says it too.
 */
export function AcknowledgeButton({ item, now }: { item: Disclosure; now: Date }) {
  const { t } = useTranslation('inbox');
  const acknowledge = useAcknowledge(item.disclosureId);
  const outcome = useRef<HTMLDivElement>(null);
  const justAcknowledged = acknowledge.isSuccess;
  useEffect(() => {
    if (justAcknowledged) outcome.current?.focus();
  }, [justAcknowledged]);
  return (
    <div className="acknowledge">
      <div ref={outcome} tabIndex={-1} className="acknowledge-outcome">
        <DeadlineText item={item} now={now} size="lg" />
      </div>
      {!item.acknowledgedAt && (
        <>
          <ErrorAlert error={acknowledge.error ?? undefined} />
          <Button
            size="xl"
            fullWidth
            mt="sm"
            className="touch-primary"
            loading={acknowledge.isPending}
            onClick={() => acknowledge.mutate(undefined)}
          >
            {t('alert.acknowledge')}
          </Button>
          <Text size="sm" c="dimmed" mt={6}>
            {item.category === 'referral'
              ? t('alert.acknowledgeReferralHelp')
              : item.category === 'community_concern'
                ? t('alert.acknowledgeConcernHelp')
                : t('alert.acknowledgeHelp')}
          </Text>
        </>
      )}
    </div>
  );
}

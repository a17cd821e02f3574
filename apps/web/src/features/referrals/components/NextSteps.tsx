import { Alert, Button, Group, Paper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { type Transition, useTransition } from '../api/referrals-api';
import { isPartnerView, type PartnerReferral } from '../utils/referral-views';
import { AssignForm } from './AssignForm';
import { DeclineForm } from './DeclineForm';

type Step = PartnerReferral['nextSteps'][number];

/** Steps that need more than a tap: a reason to decline, a worker to assign to. */
type StepWithForm = Extract<Step, 'declined' | 'assigned'>;
const needsForm = (step: Step): step is StepWithForm => step === 'declined' || step === 'assigned';

/**
 * The steps the API says this person may take now (`nextSteps`, from the lifecycle it enforces), as
 * buttons. The API still decides each request: a refusal (someone moved the referral meanwhile)
 * comes back in plain words and the referral is reloaded as it now is.
 */
export function NextSteps({ referral }: { referral: PartnerReferral }) {
  const { t } = useTranslation('referrals');
  const transition = useTransition(referral.id);
  const [form, setForm] = useState<StepWithForm | null>(null);
  const [recorded, setRecorded] = useState<string | null>(null);
  const steps = referral.nextSteps;

  const take = (step: Transition) => {
    setRecorded(null);
    transition.mutate(step, {
      onSuccess: (view) => {
        setForm(null);
        if (isPartnerView(view)) setRecorded(t('steps.done', { status: t(`status.${view.status}`) }));
      },
    });
  };
  const label = (step: Step) => {
    if (step === referral.status) return step === 'assigned' ? t('steps.reassign') : t('steps.repeatAttempt');
    return t(`steps.${step}`);
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="referral-next-step" mb="md">
      <Title order={2} size="h4" id="referral-next-step" mb="xs">
        {t('steps.title')}
      </Title>
      <div role="status">
        {recorded && (
          <Alert color="green" variant="light" mb="sm">
            {recorded}
          </Alert>
        )}
      </div>
      <ErrorAlert error={transition.error ?? undefined} />
      {steps.length === 0 && <Text>{t('steps.none')}</Text>}
      {form === 'declined' && (
        <DeclineForm
          busy={transition.isPending}
          onDecline={(declineReason) => take({ to: 'declined', declineReason })}
          onCancel={() => setForm(null)}
        />
      )}
      {form === 'assigned' && (
        <AssignForm
          busy={transition.isPending}
          current={referral.assignedTo}
          onAssign={(assigneeId) => take({ to: 'assigned', assigneeId })}
          onCancel={() => setForm(null)}
        />
      )}
      {form === null && steps.length > 0 && (
        <Group gap="sm" className="referral-steps">
          {steps.map((step, index) => (
            <Button
              key={step}
              size="md"
              variant={index === 0 ? 'filled' : 'default'}
              loading={transition.isPending && transition.variables?.to === step}
              disabled={transition.isPending}
              onClick={() => (needsForm(step) ? setForm(step) : take({ to: step }))}
            >
              {label(step)}
            </Button>
          ))}
        </Group>
      )}
    </Paper>
  );
}

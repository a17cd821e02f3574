import { Button, Fieldset, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { localDateAfter } from '@/lib/local-time';

/** The follow-up day: tomorrow, in a week or none with one tap, any other day in the date field. */
export function FollowUpPicker({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (day: string) => void;
  error?: string;
}) {
  const { t } = useTranslation('inbox');
  const picks = [
    { label: t('response.tomorrow'), day: () => localDateAfter(new Date(), 1) },
    { label: t('response.nextWeek'), day: () => localDateAfter(new Date(), 7) },
    { label: t('response.noFollowUp'), day: () => '' },
  ];
  return (
    <Fieldset legend={t('response.followUp')} variant="unstyled" className="touch-fieldset">
      <div className="quick-picks">
        {picks.map((pick) => (
          <Button
            key={pick.label}
            variant="default"
            size="md"
            className="quick-pick"
            classNames={{ label: 'quick-pick-label' }}
            onClick={() => onChange(pick.day())}
          >
            {pick.label}
          </Button>
        ))}
      </div>
      <TextInput
        type="date"
        size="md"
        label={t('response.followUp')}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
      />
    </Fieldset>
  );
}

import { Button, Fieldset, Text, TextInput } from '@mantine/core';
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { durationParts } from '../utils/deadline';
import { durationText } from '../utils/deadline-text';
import { fromLocalInput } from '@/lib/local-time';

type InputProps = Pick<ComponentProps<typeof TextInput>, 'value' | 'onChange' | 'onFocus' | 'onBlur' | 'error'>;

/**
 * The time spent, as a timer: one button stamps the start, the same place then stamps the end; both
 * times stay editable below. Says how long it has been running, or how long it took.
 */
export function ResponseTimer({
  startedAt,
  endedAt,
  now,
  saving,
  onStamp,
}: {
  startedAt: InputProps;
  endedAt: InputProps;
  now: Date;
  saving: boolean;
  onStamp: (field: 'startedAt' | 'endedAt') => void;
}) {
  const { t } = useTranslation('inbox');
  const started = fromLocalInput(String(startedAt.value ?? ''));
  const ended = fromLocalInput(String(endedAt.value ?? ''));
  const elapsed = started ? (ended ? Date.parse(ended) : now.getTime()) - Date.parse(started) : null;
  const parts = elapsed !== null && elapsed >= 0 ? durationParts(elapsed, 'down') : [];
  const running = parts.length
    ? t('response.running', { duration: durationText(parts, t) })
    : t('response.runningUnderMinute');
  const took = parts.length ? t('response.took', { duration: durationText(parts, t) }) : t('response.tookUnderMinute');
  return (
    <Fieldset legend={t('response.time')} variant="unstyled" className="touch-fieldset">
      {!started && (
        <Button
          size="lg"
          fullWidth
          className="touch-primary"
          variant="light"
          onClick={() => onStamp('startedAt')}
          loading={saving}
        >
          {t('response.start')}
        </Button>
      )}
      {started && !ended && (
        <Button
          size="lg"
          fullWidth
          className="touch-primary"
          variant="light"
          color="red"
          onClick={() => onStamp('endedAt')}
          loading={saving}
        >
          {t('response.stop')}
        </Button>
      )}
      {started && (
        <Text fw={600} mt="xs">
          {ended ? took : running}
        </Text>
      )}
      <div className="time-fields">
        <TextInput type="datetime-local" size="md" label={t('response.startedAt')} {...startedAt} />
        <TextInput type="datetime-local" size="md" label={t('response.endedAt')} {...endedAt} />
      </div>
    </Fieldset>
  );
}

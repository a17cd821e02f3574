import { Button, Checkbox, Fieldset, Group, NativeSelect, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { INCIDENT_TYPES } from '../utils/incident-views';
import { type IncidentDraft, missingFields, RETALIATION_RISKS, type VictimDraft } from '../utils/incident-form';
import type { MapArea } from '@/lib/service-area-map';
import { LocationPicker } from './LocationPicker';

/**
 * The incident as the liaison types it, for recording (compose) and for correcting: what, when, where (the map),
 * victims, hospital, risk, requested response, narrative. In the order a phone call gives them, to be done in
 * under two minutes.
 */
export function IncidentForm({
  draft,
  onChange,
  areas,
  submitLabel,
  onSubmit,
  pending,
  error,
  beforeSubmit,
  secondary,
}: {
  draft: IncidentDraft;
  onChange: (draft: IncidentDraft) => void;
  areas: MapArea[];
  submitLabel: string;
  onSubmit: () => void;
  pending: boolean;
  error: unknown;
  beforeSubmit?: ReactNode;
  secondary?: ReactNode;
}) {
  const { t } = useTranslation('incidents');
  const [missing, setMissing] = useState<ReturnType<typeof missingFields>>([]);
  const set = (change: Partial<IncidentDraft>) => onChange({ ...draft, ...change });
  const setVictim = (index: number, change: Partial<VictimDraft>) =>
    set({ victims: draft.victims.map((v, i) => (i === index ? { ...v, ...change } : v)) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const gaps = missingFields(draft);
    setMissing(gaps);
    if (gaps.length === 0) onSubmit();
  };
  return (
    <form onSubmit={submit} className="incident-form" noValidate>
      <Fieldset legend={t('compose.what')}>
        <div className="incident-form-row">
          <NativeSelect
            label={t('compose.type')}
            value={draft.type}
            data={INCIDENT_TYPES.map((type) => ({ value: type, label: t(`type.${type}`) }))}
            onChange={(e) => set({ type: e.currentTarget.value as IncidentDraft['type'] })}
          />
          <TextInput
            type="datetime-local"
            label={t('compose.occurredAt')}
            required
            value={draft.occurredAt}
            onChange={(e) => set({ occurredAt: e.currentTarget.value })}
          />
          <NativeSelect
            label={t('compose.retaliationRisk')}
            value={draft.retaliationRisk}
            data={RETALIATION_RISKS.map((risk) => ({ value: risk, label: t(`risk.${risk}`) }))}
            onChange={(e) => set({ retaliationRisk: e.currentTarget.value as IncidentDraft['retaliationRisk'] })}
          />
        </div>
      </Fieldset>
      <Fieldset legend={t('compose.where')}>
        <LocationPicker
          areas={areas}
          point={draft.point}
          houseNumber={draft.houseNumber}
          street={draft.street}
          onChange={(change) => set(change)}
        />
      </Fieldset>
      <Fieldset legend={t('compose.victims')}>
        {draft.victims.map((victim, i) => (
          <div key={i} className="incident-victim" role="group" aria-label={t('compose.victimLegend', { n: i + 1 })}>
            <TextInput
              label={t('compose.age')}
              description={t('compose.ageHelp')}
              inputMode="numeric"
              maxLength={3}
              value={victim.age}
              onChange={(e) => setVictim(i, { age: e.currentTarget.value })}
            />
            <TextInput
              label={t('compose.victimName')}
              description={t('compose.victimNameHelp')}
              maxLength={200}
              value={victim.name}
              onChange={(e) => setVictim(i, { name: e.currentTarget.value })}
            />
            <Checkbox
              label={t('compose.fatal')}
              checked={victim.fatal}
              onChange={(e) => setVictim(i, { fatal: e.currentTarget.checked })}
              className="incident-victim-fatal"
            />
            {draft.victims.length > 1 && (
              <Button
                variant="subtle"
                color="red"
                onClick={() => set({ victims: draft.victims.filter((_, j) => j !== i) })}
              >
                {t('compose.removeVictim', { n: i + 1 })}
              </Button>
            )}
          </div>
        ))}
        <Button
          variant="default"
          mt="xs"
          onClick={() => set({ victims: [...draft.victims, { age: '', fatal: false, name: '' }] })}
        >
          {t('compose.addVictim')}
        </Button>
      </Fieldset>
      <Fieldset legend={t('compose.details')}>
        <div className="incident-form-row">
          <TextInput
            label={t('compose.hospital')}
            maxLength={200}
            value={draft.hospital}
            onChange={(e) => set({ hospital: e.currentTarget.value })}
          />
          <TextInput
            label={t('compose.requestedResponse')}
            description={t('compose.requestedResponseHelp')}
            maxLength={200}
            value={draft.requestedResponse}
            onChange={(e) => set({ requestedResponse: e.currentTarget.value })}
          />
          <TextInput
            label={t('compose.caseNumber')}
            description={t('compose.caseNumberHelp')}
            maxLength={64}
            value={draft.caseNumber}
            onChange={(e) => set({ caseNumber: e.currentTarget.value })}
          />
        </div>
        <Textarea
          mt="sm"
          label={t('compose.narrative')}
          description={t('compose.narrativeHelp')}
          autosize
          minRows={3}
          maxLength={4000}
          value={draft.narrative}
          onChange={(e) => set({ narrative: e.currentTarget.value })}
        />
      </Fieldset>
      {missing.length > 0 && (
        <ErrorAlert
          message={t('compose.missing', {
            fields: missing.map((key) => t(`compose.missingField.${key}`)).join(', '),
          })}
        />
      )}
      <ErrorAlert error={error} />
      {beforeSubmit}
      <Group gap="sm">
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
        {secondary}
      </Group>
    </form>
  );
}

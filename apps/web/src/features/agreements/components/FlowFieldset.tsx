import { Button, Checkbox, Fieldset, Group, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Problem, problemsAt } from '../utils/agreement-views';
import {
  AUDIENCE_ROLES,
  type Category,
  CATEGORIES,
  conditionOptions,
  consentAllowed,
  fieldOptions,
  type FlowDraft,
  withCategory,
} from '../utils/flow-form';
import { capitalize, useAgreementsT, useTermsT, useProblemText } from './words';

interface Props {
  index: number;
  flow: FlowDraft;
  problems: Problem[];
  onChange: (flow: FlowDraft) => void;
  onRemove: () => void;
}

/** One flow of a draft, as a form; each problem the API reported shows at the control its path names. */
export function FlowFieldset({ index, flow, problems, onChange, onRemove }: Props) {
  const { t } = useTranslation('agreements');
  const terms = useTermsT();
  const describe = useProblemText();
  const at = (key: string, within = false) => {
    const found = problemsAt(problems, `flows[${index}].${key}`, within);
    return found.length > 0 ? found.map(describe).join(' ') : undefined;
  };
  const set = (patch: Partial<FlowDraft>) => onChange({ ...flow, ...patch });
  const setCondition = (key: string, value: unknown) => set({ conditions: { ...flow.conditions, [key]: value } });
  const number = (value: string | number): number | '' => (value === '' ? '' : Number(value));
  const fieldsProblem = problemsAt(problems, `flows[${index}].fields`).map(describe).join(' ');
  // A field the schema does not know for this category (e.g. a person's name on a notification) is still shown,
  // so the problem the API names has a place, and it can be unticked.
  const known = fieldOptions(flow.category);
  const strays = Object.keys(flow.fields).filter((f) => !known.some((k) => k.field === f));
  const fieldRows = [
    ...known,
    ...strays.map((field) => ({ field, precisions: [flow.fields[field]!], required: false })),
  ];

  return (
    <Fieldset legend={t('form.flowTitle', { id: flow.id })} className="agreement-flow-form">
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput
            label={t('form.id')}
            description={t('form.idHelp')}
            value={flow.id}
            onChange={(e) => set({ id: e.currentTarget.value })}
            error={at('id')}
          />
          <NativeSelect
            label={t('form.category')}
            value={flow.category}
            onChange={(e) => onChange(withCategory(flow, e.currentTarget.value as Category))}
            data={CATEGORIES.map((c) => ({ value: c, label: terms(`category.${c}`) }))}
            error={at('category')}
          />
        </Group>
        <Text size="sm">
          {t('form.direction', { from: terms(`party.${flow.from}`), to: terms(`party.${flow.to}`) })}
        </Text>
        {(at('from') || at('to')) && (
          <Text size="sm" c="red.9" role="alert">
            {[at('from'), at('to')].filter(Boolean).join(' ')}
          </Text>
        )}
        <Checkbox.Group
          label={t('form.audience', { to: terms(`party.${flow.to}`) })}
          value={flow.audience}
          onChange={(audience) => set({ audience })}
          error={at('audience', true)}
        >
          <Group gap="md" mt={4}>
            {AUDIENCE_ROLES.map((role) => (
              <Checkbox key={role} value={role} label={capitalize(terms(`audience.${role}`))} />
            ))}
          </Group>
        </Checkbox.Group>

        <Fieldset legend={t('form.fields')} variant="unstyled">
          <Text size="xs" mb={4}>
            {t('form.fieldsIntro')}
          </Text>
          {fieldsProblem && (
            <Text size="sm" c="red.9" role="alert">
              {fieldsProblem}
            </Text>
          )}
          <Stack gap={6}>
            {fieldRows.map(({ field, precisions }) => {
              const name = terms(`field.${field}`, { defaultValue: field });
              const released = field in flow.fields;
              const problem = at(`fields.${field}`);
              return (
                <Group key={field} gap="sm" wrap="nowrap" align="flex-start">
                  <Checkbox
                    label={t('form.release', { field: name })}
                    checked={released}
                    error={problem}
                    onChange={(e) => {
                      const fields = { ...flow.fields };
                      if (e.currentTarget.checked) fields[field] = precisions[0] ?? 'include';
                      else delete fields[field];
                      set({ fields });
                    }}
                  />
                  {released && precisions.length > 1 && (
                    <NativeSelect
                      size="xs"
                      aria-label={t('form.precisionOf', { field: name })}
                      value={flow.fields[field]}
                      onChange={(e) => set({ fields: { ...flow.fields, [field]: e.currentTarget.value } })}
                      data={precisions.map((p) => ({ value: p, label: terms(`precision.${p}`, { defaultValue: p }) }))}
                    />
                  )}
                  {released && precisions.length === 1 && (
                    <Text size="xs">{terms(`precision.${precisions[0]!}`, { defaultValue: precisions[0]! })}</Text>
                  )}
                </Group>
              );
            })}
          </Stack>
        </Fieldset>

        <Conditions flow={flow} at={at} setCondition={setCondition} />

        {consentAllowed(flow.category) && (
          <Checkbox
            label={t('form.consentRequired')}
            checked={flow.consentRequired}
            onChange={(e) => set({ consentRequired: e.currentTarget.checked })}
            error={at('consentRequired')}
          />
        )}
        <Group grow align="flex-start">
          <NumberInput
            label={t('form.retentionDays')}
            value={flow.retentionDays}
            onChange={(v) => set({ retentionDays: number(v) })}
            allowDecimal={false}
            clampBehavior="none"
            error={at('retentionDays')}
          />
          <NumberInput
            label={t('form.acknowledgeWithinHours')}
            description={t('form.acknowledgeHelp')}
            value={flow.acknowledgeWithinHours}
            onChange={(v) => set({ acknowledgeWithinHours: number(v) })}
            allowDecimal={false}
            clampBehavior="none"
            error={at('acknowledgeWithinHours')}
          />
        </Group>
        <div>
          <Button variant="subtle" color="red" size="xs" onClick={onRemove}>
            {t('form.removeFlow', { id: flow.id })}
          </Button>
        </div>
      </Stack>
    </Fieldset>
  );
}

function Conditions({
  flow,
  at,
  setCondition,
}: {
  flow: FlowDraft;
  at: (key: string, within?: boolean) => string | undefined;
  setCondition: (key: string, value: unknown) => void;
}) {
  const { t } = useTranslation('agreements');
  const tr = useAgreementsT();
  const terms = useTermsT();
  const options = conditionOptions(flow.category);
  if (options.length === 0) return null;
  return (
    <Fieldset legend={t('form.conditions')} variant="unstyled">
      <Stack gap="xs">
        {options.map(({ key, kind, choices }) => {
          const label = terms(`condition.${key}`, { defaultValue: key });
          const value = flow.conditions[key];
          const error = at(`conditions.${key}`, true);
          if (kind === 'choices')
            return (
              <Checkbox.Group
                key={key}
                label={label}
                value={Array.isArray(value) ? value.map(String) : []}
                onChange={(next) => setCondition(key, next)}
                error={error}
              >
                <Group gap="md" mt={4}>
                  {choices.map((choice) => (
                    <Checkbox
                      key={choice}
                      value={choice}
                      label={capitalize(tr(`choice.${choice}`, { defaultValue: choice }))}
                    />
                  ))}
                </Group>
              </Checkbox.Group>
            );
          if (kind === 'codes')
            return (
              <CodesInput
                key={key}
                label={t('form.codes', { condition: label })}
                value={Array.isArray(value) ? value.map(String) : []}
                onChange={(codes) => setCondition(key, codes)}
                error={error}
              />
            );
          if (kind === 'age')
            return (
              <NumberInput
                key={key}
                label={label}
                value={typeof value === 'number' ? value : ''}
                onChange={(v) => setCondition(key, v === '' ? undefined : Number(v))}
                allowDecimal={false}
                clampBehavior="none"
                error={error}
              />
            );
          return (
            <Checkbox
              key={key}
              label={label}
              checked={value === true}
              onChange={(e) => setCondition(key, e.currentTarget.checked ? true : undefined)}
              error={error}
            />
          );
        })}
      </Stack>
    </Fieldset>
  );
}

/** Codes separated by commas, kept as typed (a trailing comma survives) and sent as a list. */
function CodesInput(props: { label: string; value: string[]; onChange: (codes: string[]) => void; error?: string }) {
  const [text, setText] = useState(props.value.join(', '));
  return (
    <TextInput
      label={props.label}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        props.onChange(
          e.currentTarget.value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        );
      }}
      error={props.error}
    />
  );
}

import { Button, Group, NativeSelect, TextInput, Title } from '@mantine/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INCIDENT_TYPES, type IncidentFilters, isFiltered } from '../utils/incident-views';

/**
 * The list's filters: a date range (whole local days), a service area (a select of the department's areas; a typed
 * code while it has none loaded), a type. Applied on submit.
 */
export function IncidentFiltersForm({
  filters,
  onApply,
  areas,
}: {
  filters: IncidentFilters;
  onApply: (filters: IncidentFilters) => void;
  areas: { code: string; name: string }[];
}) {
  const { t } = useTranslation('incidents');
  const headingId = useId();
  const [draft, setDraft] = useState(filters);
  const set = (change: Partial<IncidentFilters>) => setDraft((current) => ({ ...current, ...change }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const clear = () => {
    const empty: IncidentFilters = { from: '', to: '', area: '', type: '' };
    setDraft(empty);
    onApply(empty);
  };
  return (
    <form aria-labelledby={headingId} onSubmit={submit} className="incident-filters">
      <Title order={2} size="h4" id={headingId} mb="xs">
        {t('filters.title')}
      </Title>
      <div className="incident-filter-fields">
        <TextInput
          type="date"
          label={t('filters.from')}
          value={draft.from}
          onChange={(e) => set({ from: e.currentTarget.value })}
        />
        <TextInput
          type="date"
          label={t('filters.to')}
          value={draft.to}
          min={draft.from || undefined}
          onChange={(e) => set({ to: e.currentTarget.value })}
        />
        {areas.length > 0 ? (
          <NativeSelect
            label={t('filters.area')}
            value={draft.area}
            data={[
              { value: '', label: t('filters.anyArea') },
              // An area in the address that the department no longer has stays choosable, as it was asked.
              ...(draft.area && !areas.some((a) => a.code === draft.area)
                ? [{ value: draft.area, label: draft.area }]
                : []),
              ...areas.map((a) => ({ value: a.code, label: t('map.areaOption', { code: a.code, name: a.name }) })),
            ]}
            onChange={(e) => set({ area: e.currentTarget.value })}
          />
        ) : (
          <TextInput
            label={t('filters.area')}
            description={t('filters.areaHelp')}
            value={draft.area}
            maxLength={32}
            onChange={(e) => set({ area: e.currentTarget.value })}
          />
        )}
        <NativeSelect
          label={t('filters.type')}
          value={draft.type}
          data={[
            { value: '', label: t('filters.anyType') },
            ...INCIDENT_TYPES.map((type) => ({ value: type, label: t(`type.${type}`) })),
          ]}
          onChange={(e) => set({ type: e.currentTarget.value as IncidentFilters['type'] })}
        />
      </div>
      <Group gap="xs" mt="sm">
        <Button type="submit">{t('filters.apply')}</Button>
        {isFiltered(filters) && (
          <Button variant="default" onClick={clear}>
            {t('filters.clear')}
          </Button>
        )}
      </Group>
    </form>
  );
}

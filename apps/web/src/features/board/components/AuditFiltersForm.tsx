import { Button, Group, NativeSelect, TextInput, Title } from '@mantine/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionKey, LABELLED_ACTIONS } from '../utils/audit-labels';
import type { AuditFilters } from '../utils/audit-filters';
import { useBoardAgreement } from './BoardContext';

const EMPTY: AuditFilters = { action: '', party: '', from: '', to: '' };

/** The audit's filters: what was done, by which party, between which days. Applied on submit. */
export function AuditFiltersForm({ filters, onApply }: { filters: AuditFilters; onApply: (f: AuditFilters) => void }) {
  const { t } = useTranslation('board');
  const headingId = useId();
  const { agreement } = useBoardAgreement();
  // Both parties by their names (the agreement gives them), else by their part in it.
  const partyName = (party: 'police' | 'partner') =>
    (party === 'police' ? agreement.policeOrgName : agreement.partnerOrgName) || t(`party.${party}`);
  const [draft, setDraft] = useState(filters);
  const set = (change: Partial<AuditFilters>) => setDraft((current) => ({ ...current, ...change }));
  const filtered = Object.values(filters).some((v) => v !== '');
  return (
    <form
      aria-labelledby={headingId}
      className="board-filters board-no-print"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onApply(draft);
      }}
    >
      <Title order={2} size="h4" id={headingId} mb="xs">
        {t('audit.filters.title')}
      </Title>
      <div className="board-filter-fields">
        <NativeSelect
          label={t('audit.filters.action')}
          value={draft.action}
          data={[
            { value: '', label: t('audit.filters.anyAction') },
            ...LABELLED_ACTIONS.map((action) => ({ value: action, label: t(`actionName.${actionKey(action)!}`) })),
          ]}
          onChange={(e) => set({ action: e.currentTarget.value })}
        />
        <NativeSelect
          label={t('audit.filters.party')}
          value={draft.party}
          data={[
            { value: '', label: t('audit.filters.anyParty') },
            { value: 'police', label: partyName('police') },
            { value: 'partner', label: partyName('partner') },
          ]}
          onChange={(e) => set({ party: e.currentTarget.value as AuditFilters['party'] })}
        />
        <TextInput
          type="date"
          label={t('audit.filters.from')}
          value={draft.from}
          onChange={(e) => set({ from: e.currentTarget.value })}
        />
        <TextInput
          type="date"
          label={t('audit.filters.to')}
          value={draft.to}
          min={draft.from || undefined}
          onChange={(e) => set({ to: e.currentTarget.value })}
        />
      </div>
      <Group gap="xs" mt="sm">
        <Button type="submit">{t('audit.filters.apply')}</Button>
        {filtered && (
          <Button
            variant="default"
            onClick={() => {
              setDraft(EMPTY);
              onApply(EMPTY);
            }}
          >
            {t('audit.filters.clear')}
          </Button>
        )}
      </Group>
    </form>
  );
}

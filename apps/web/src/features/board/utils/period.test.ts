import { describe, expect, it } from 'vitest';
import { auditFiltersFrom, auditQuery, auditSearchOf } from './audit-filters';
import { apiPeriod, daysIn, periodFrom, periodSearch } from './period';

describe('the reporting period', () => {
  const now = new Date(2026, 11, 7, 15, 30);

  it('defaults to the last four weeks up to today, and keeps a valid period from the address', () => {
    expect(periodFrom(new URLSearchParams(), now)).toEqual({ from: '2026-11-10', to: '2026-12-07' });
    expect(periodFrom(new URLSearchParams('from=2026-10-01&to=2026-10-31'), now)).toEqual({
      from: '2026-10-01',
      to: '2026-10-31',
    });
    // Backwards, malformed or longer than the API allows: the default.
    expect(periodFrom(new URLSearchParams('from=2026-10-31&to=2026-10-01'), now).to).toBe('2026-12-07');
    expect(periodFrom(new URLSearchParams('from=2024-01-01&to=2026-01-01'), now).to).toBe('2026-12-07');
    expect(periodFrom(new URLSearchParams('from=x&to=y'), now).to).toBe('2026-12-07');
  });

  it('asks the API from the first day’s local start to the start of the day after the last', () => {
    const api = apiPeriod({ from: '2026-10-01', to: '2026-10-31' });
    expect(new Date(api.from).getTime()).toBe(new Date(2026, 9, 1).getTime());
    expect(new Date(api.to).getTime()).toBe(new Date(2026, 10, 1).getTime());
    expect(daysIn({ from: '2026-10-01', to: '2026-10-31' })).toBe(31);
    expect(periodSearch({ from: '2026-10-01', to: '2026-10-31' })).toBe('?from=2026-10-01&to=2026-10-31');
  });
});

describe('the audit filters', () => {
  const parties = { policeOrgId: 'p-1', partnerOrgId: 'q-2' };

  it('keeps only well-formed filters from the address, and puts back only those set', () => {
    const filters = auditFiltersFrom(new URLSearchParams('action=disclosure.acknowledge&party=partner&from=bad'));
    expect(filters).toEqual({ action: 'disclosure.acknowledge', party: 'partner', from: '', to: '' });
    expect(auditSearchOf(filters).toString()).toBe('action=disclosure.acknowledge&party=partner');
    expect(auditFiltersFrom(new URLSearchParams('action=DROP TABLE&party=mayor')).action).toBe('');
  });

  it('asks the API for the party’s organization, and whole local days with the last one included', () => {
    const query = auditQuery({ action: '', party: 'police', from: '2026-12-01', to: '2026-12-02' }, parties);
    expect(query.actorOrgId).toBe('p-1');
    expect(new Date(query.from!).getTime()).toBe(new Date(2026, 11, 1).getTime());
    expect(new Date(query.to!).getTime()).toBe(new Date(2026, 11, 3).getTime() - 1);
    expect(auditQuery({ action: '', party: '', from: '', to: '' }, parties)).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import type { components } from '@/api/schema';
import {
  awaitingAcknowledgement,
  disclosureState,
  filtersFrom,
  incidentsQuery,
  isFiltered,
  searchOf,
} from './incident-views';

type SentDisclosure = components['schemas']['SentDisclosureDto'];

const sent = (change: Partial<SentDisclosure>): SentDisclosure => ({
  disclosureId: '00000000-0000-4000-8000-000000000001',
  agreementId: '00000000-0000-4000-8000-000000000002',
  agreementVersion: 1,
  recipientOrgId: '00000000-0000-4000-8000-000000000003',
  recipientOrgName: 'Riverton Peacekeepers',
  revision: 1,
  revisionOf: null,
  status: 'delivered',
  createdAt: '2026-12-07T01:00:00.000Z',
  deliveredAt: '2026-12-07T01:00:02.000Z',
  acknowledgedAt: null,
  acknowledgementDueAt: '2026-12-07T05:00:00.000Z',
  slaMet: null,
  overdue: false,
  escalatedAt: null,
  ...change,
});

describe('incident filters', () => {
  it('read the address, ignoring a type the API does not know', () => {
    expect(filtersFrom(new URLSearchParams('from=2026-11-01&area=D14&type=burglary'))).toEqual({
      from: '2026-11-01',
      to: '',
      area: 'D14',
      type: '',
    });
  });

  it('write only what is set back to the address, the area trimmed', () => {
    expect(searchOf({ from: '', to: '2026-11-30', area: ' D14 ', type: 'homicide' })).toEqual({
      to: '2026-11-30',
      area: 'D14',
      type: 'homicide',
    });
    expect(isFiltered({ from: '', to: '', area: '  ', type: '' })).toBe(false);
  });

  it('ask the API for whole local days, from the first moment of "from" to the last of "to"', () => {
    expect(incidentsQuery({ from: '2026-11-01', to: '2026-11-30', area: 'D14', type: 'shooting' })).toEqual({
      occurredFrom: new Date(2026, 10, 1).toISOString(),
      occurredTo: new Date(2026, 10, 30, 23, 59, 59, 999).toISOString(),
      serviceArea: 'D14',
      type: 'shooting',
    });
    expect(incidentsQuery({ from: '', to: '', area: '', type: '' })).toEqual({});
  });
});

describe('where a disclosure stands', () => {
  it('says whether an acknowledgement came within the deadline, as the API judged it', () => {
    expect(disclosureState(sent({ acknowledgedAt: '2026-12-07T01:10:00.000Z', slaMet: true }))).toBe(
      'acknowledgedWithin',
    );
    expect(disclosureState(sent({ acknowledgedAt: '2026-12-07T09:10:00.000Z', slaMet: false }))).toBe(
      'acknowledgedLate',
    );
    // A flow without a deadline: acknowledged, neither in time nor late.
    expect(disclosureState(sent({ acknowledgedAt: '2026-12-07T01:10:00.000Z' }))).toBe('acknowledged');
  });

  it('tells waiting for delivery from waiting for the partner, and the ends without an acknowledgement', () => {
    expect(disclosureState(sent({ status: 'pending', deliveredAt: null }))).toBe('pending');
    expect(disclosureState(sent({}))).toBe('waiting');
    // Past the deadline unacknowledged, as the API says: overdue, and the page keeps asking.
    expect(disclosureState(sent({ overdue: true }))).toBe('overdue');
    expect(awaitingAcknowledgement([sent({ overdue: true })])).toBe(true);
    expect(disclosureState(sent({ status: 'withheld', deliveredAt: null }))).toBe('withheld');
    expect(disclosureState(sent({ status: 'purged' }))).toBe('purged');
  });

  it('keeps the page asking only while something may still be delivered or acknowledged', () => {
    expect(awaitingAcknowledgement([sent({ acknowledgedAt: '2026-12-07T01:10:00.000Z', slaMet: true })])).toBe(false);
    expect(awaitingAcknowledgement([sent({ status: 'withheld' }), sent({ status: 'pending' })])).toBe(true);
    expect(awaitingAcknowledgement([])).toBe(false);
  });
});

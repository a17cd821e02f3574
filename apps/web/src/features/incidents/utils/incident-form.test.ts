import { describe, expect, it } from 'vitest';
import { correctionBody, createBody, emptyDraft, type IncidentDraft, missingFields } from './incident-form';

const draft: IncidentDraft = {
  ...emptyDraft(new Date('2026-11-23T01:47:00Z')),
  point: { latitude: 41.9031, longitude: -87.6712 },
  houseNumber: '1234',
  street: 'W Division St',
  victims: [{ age: '17', fatal: false, name: 'Darnell Whitfield' }],
  hospital: 'Stroger Hospital',
  narrative: 'Dispute outside a store.',
};

describe('the incident form', () => {
  it('asks for a time, a point on the map and a street', () => {
    expect(missingFields(emptyDraft(new Date()))).toEqual(['point', 'street']);
    expect(missingFields({ ...draft, victims: [{ age: 'x', fatal: false, name: '' }] })).toEqual(['victims']);
    expect(missingFields(draft)).toEqual([]);
  });

  it('records what was typed, without a service area (the API derives it) and without empty texts', () => {
    const body = createBody(draft);
    expect(body.location).toEqual({
      latitude: 41.9031,
      longitude: -87.6712,
      houseNumber: '1234',
      street: 'W Division St',
    });
    expect(body.victims).toEqual([{ age: 17, fatal: false, name: 'Darnell Whitfield' }]);
    expect(body).not.toHaveProperty('requestedResponse');
    expect(body.hospital).toBe('Stroger Hospital');
  });

  it('corrects only what changed, and clears an emptied text with null', () => {
    const died = { ...draft, victims: [{ ...draft.victims[0]!, fatal: true }], hospital: '' };
    expect(correctionBody(died, draft, false)).toEqual({
      redact: false,
      victims: [{ age: 17, fatal: true, name: 'Darnell Whitfield' }],
      hospital: null,
    });
    expect(correctionBody(draft, draft, false)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import {
  conditionOptions,
  consentAllowed,
  directionOf,
  fieldOptions,
  fromDraft,
  newFlow,
  toDraft,
  withCategory,
} from './flow-form';

describe('the flow form, from the sharing-parameters schema', () => {
  it('offers each category’s fields with their precisions, and its fixed direction', () => {
    const incident = fieldOptions('incident_notification');
    expect(incident.find((f) => f.field === 'location')?.precisions).toEqual([
      'exact',
      'block',
      'grid',
      'area',
      'none',
    ]);
    expect(incident.find((f) => f.field === 'hospital')?.precisions).toEqual(['include']);
    expect(incident.some((f) => f.field === 'name')).toBe(false);
    expect(directionOf('incident_notification')).toEqual({ from: 'police', to: 'partner' });
    expect(directionOf('community_concern')).toEqual({ from: 'partner', to: 'police' });
    expect(consentAllowed('referral')).toBe(true);
    expect(consentAllowed('incident_notification')).toBe(false);
    expect(conditionOptions('incident_notification').map((c) => [c.key, c.kind])).toEqual([
      ['incidentTypes', 'choices'],
      ['serviceAreas', 'codes'],
      ['victimAgeMin', 'age'],
      ['victimAgeMax', 'age'],
      ['fatalOnly', 'flag'],
    ]);
  });

  it('round-trips a stored flow, leaving out blank optional numbers and empty conditions', () => {
    const stored = {
      id: 'shooting-alerts',
      category: 'incident_notification',
      from: 'police',
      to: 'partner',
      audience: ['outreach_worker'],
      conditions: { incidentTypes: ['shooting'] },
      fields: { location: 'block' },
      consentRequired: false,
      retentionDays: 90,
      acknowledgeWithinHours: 4,
    };
    expect(fromDraft(toDraft(stored))).toEqual(stored);
    const blank = {
      ...toDraft(stored),
      acknowledgeWithinHours: '' as const,
      retentionDays: '' as const,
      conditions: { serviceAreas: [] },
    };
    expect(fromDraft(blank)).not.toHaveProperty('acknowledgeWithinHours');
    expect(fromDraft(blank)).not.toHaveProperty('retentionDays');
    expect(fromDraft(blank)).not.toHaveProperty('conditions');
  });

  it('starts a new flow with a free name and the required fields; a new category drops what it has not', () => {
    const status = newFlow('referral_status', ['referral-status']);
    expect(status.id).toBe('referral-status-2');
    expect(status.fields).toEqual({ status: 'coarse' });
    const moved = withCategory(
      { ...newFlow('incident_notification', []), fields: { hospital: 'include', occurredAt: 'hour' } },
      'community_concern',
    );
    expect(moved).toMatchObject({ from: 'partner', to: 'police', fields: { occurredAt: 'hour' } });
  });
});

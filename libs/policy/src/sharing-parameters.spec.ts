import { loadAgreementTemplates } from './agreement-templates';
import { directionOf, type SharingParameters, validateSharingParameters } from './sharing-parameters';
import { diffSharingParameters } from './sharing-parameters.diff';

const alerts = {
  id: 'alerts',
  category: 'incident_notification',
  from: 'police',
  to: 'partner',
  audience: ['outreach_worker'],
  fields: { occurredAt: 'hour', location: 'block' },
  retentionDays: 30,
};

function problemsOf(input: unknown) {
  const result = validateSharingParameters(input);
  if (result.valid) throw new Error('expected the parameters to be refused');
  return result.problems;
}

describe('sharing parameters schema', () => {
  it('accepts every shipped template, and the templates cover one-way, two-way and hospital programs', () => {
    const templates = loadAgreementTemplates();
    expect(templates.map((t) => t.key)).toEqual([
      'hospital-violence-intervention',
      'one-way-shooting-notifications',
      'two-way-referrals-and-status',
    ]);
    for (const template of templates) {
      const result = validateSharingParameters(template.sharingParameters);
      expect(result).toEqual({ valid: true, parameters: template.sharingParameters });
    }
    const byKey = Object.fromEntries(templates.map((t) => [t.key, directionOf(t.sharingParameters)]));
    expect(byKey).toEqual({
      'hospital-violence-intervention': 'two_way',
      'one-way-shooting-notifications': 'one_way',
      'two-way-referrals-and-status': 'two_way',
    });
  });

  it('refuses a person field in a non-identifying flow, naming the exact path', () => {
    const problems = problemsOf({
      flows: [alerts, { ...alerts, id: 'second', fields: { location: 'area', name: 'include' } }],
    });
    expect(problems).toEqual([
      { path: 'flows[1].fields.name', reason: expect.stringContaining('identifies a person') },
    ]);
  });

  it('refuses person fields in community concerns and referral status too', () => {
    const concern = {
      id: 'concerns',
      category: 'community_concern',
      from: 'partner',
      to: 'police',
      audience: ['police_liaison'],
      fields: { area: 'area', dateOfBirth: 'include' },
      retentionDays: 30,
    };
    const status = {
      id: 'status',
      category: 'referral_status',
      from: 'partner',
      to: 'police',
      audience: ['police_liaison'],
      fields: { status: 'coarse', contact: 'include' },
      retentionDays: 30,
    };
    expect(problemsOf({ flows: [concern] }).map((p) => p.path)).toEqual(['flows[0].fields.dateOfBirth']);
    expect(problemsOf({ flows: [status] }).map((p) => p.path)).toEqual(['flows[0].fields.contact']);
  });

  it('refuses a partner→police referral flow', () => {
    const referral = {
      id: 'back',
      category: 'referral',
      from: 'partner',
      to: 'police',
      audience: ['police_liaison'],
      fields: { name: 'include' },
      consentRequired: true,
      retentionDays: 30,
    };
    const problems = problemsOf({ flows: [referral] });
    expect(problems.map((p) => p.path)).toEqual(['flows[0].from', 'flows[0].to']);
    expect(problems[0]!.reason).toContain('partner→police flows may only be referral_status or community_concern');
  });

  it('treats unknown keys as errors at every level', () => {
    expect(problemsOf({ flows: [alerts], note: 'x' })).toEqual([{ path: 'note', reason: 'unknown key "note"' }]);
    expect(problemsOf({ flows: [{ ...alerts, priority: 1 }] })).toEqual([
      { path: 'flows[0].priority', reason: 'unknown key "priority"' },
    ]);
    expect(problemsOf({ flows: [{ ...alerts, conditions: { weather: 'rain' } }] })).toEqual([
      { path: 'flows[0].conditions.weather', reason: 'unknown key "weather"' },
    ]);
  });

  it('allows only coarse status values back', () => {
    const status = {
      id: 'status',
      category: 'referral_status',
      from: 'partner',
      to: 'police',
      audience: ['police_liaison'],
      fields: { status: 'detailed' },
      retentionDays: 30,
    };
    expect(problemsOf({ flows: [status] })).toEqual([{ path: 'flows[0].fields.status', reason: 'must be "coarse"' }]);
  });

  it('refuses a finer precision than the category allows and explains the allowed ones', () => {
    const problems = problemsOf({ flows: [{ ...alerts, fields: { occurredAt: 'minute' } }] });
    expect(problems).toEqual([{ path: 'flows[0].fields.occurredAt', reason: 'must be one of "exact", "hour", "day"' }]);
  });

  it('checks cross-field rules: duplicate flow ids and inverted age limits', () => {
    const problems = problemsOf({ flows: [alerts, { ...alerts, conditions: { victimAgeMin: 30, victimAgeMax: 18 } }] });
    expect(problems).toEqual([
      { path: 'flows[1].id', reason: 'duplicates the id of flows[0]' },
      { path: 'flows[1].conditions.victimAgeMin', reason: 'is greater than victimAgeMax' },
    ]);
  });
});

describe('diffSharingParameters', () => {
  it('lists changes flow by flow and field by field', () => {
    const before = { flows: [alerts] } as unknown as SharingParameters;
    const after = {
      flows: [
        {
          ...alerts,
          audience: ['outreach_worker', 'program_manager'],
          fields: { occurredAt: 'day', narrative: 'screened' },
          retentionDays: 60,
        },
        {
          id: 'concerns',
          category: 'community_concern',
          from: 'partner',
          to: 'police',
          audience: ['police_liaison'],
          fields: { area: 'area' },
          retentionDays: 30,
        },
      ],
    } as unknown as SharingParameters;
    expect(diffSharingParameters(before, after)).toEqual([
      { path: 'flow alerts › retentionDays', change: 'changed', before: 30, after: 60 },
      { path: 'flow alerts › audience', change: 'added', after: 'program_manager' },
      { path: 'flow alerts › fields.location', change: 'removed', before: 'block' },
      { path: 'flow alerts › fields.narrative', change: 'added', after: 'screened' },
      { path: 'flow alerts › fields.occurredAt', change: 'changed', before: 'hour', after: 'day' },
      { path: 'flow concerns', change: 'added', after: 'community_concern' },
    ]);
    expect(diffSharingParameters(after, after)).toEqual([]);
  });
});

import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { plainDiffEn, plainDiffEs } from './i18n/plain-diff.strings';
import { describeChanges, type Translate } from './plain-diff';

/** As the app has them: under `plainDiff` in the `common` namespace (usePlainDiff's key prefix). */
async function translator(language: 'en' | 'es'): Promise<Translate> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: language,
    resources: { en: { common: { plainDiff: plainDiffEn } }, es: { common: { plainDiff: plainDiffEs } } },
    ns: ['common'],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
  });
  const t = instance.getFixedT(language, 'common', 'plainDiff') as unknown as Translate;
  return (key, values) => t(key, values);
}

const alerts = {
  id: 'shooting-alerts',
  category: 'incident_notification',
  from: 'police',
  to: 'partner',
  audience: ['outreach_worker'],
  fields: { incidentType: 'include', location: 'block' },
  retentionDays: 90,
  acknowledgeWithinHours: 24,
};
const concerns = { id: 'community-concerns', category: 'community_concern', from: 'partner', to: 'police' };
const before = { flows: [alerts] };
const after = { flows: [{ ...alerts, acknowledgeWithinHours: 12 }, concerns] };

describe('describeChanges', () => {
  it('says what the receiving party will now also receive, and the new deadline, in English', async () => {
    const t = await translator('en');
    const changes = [
      { path: 'flow shooting-alerts › acknowledgeWithinHours', change: 'changed' as const, before: 24, after: 12 },
      { path: 'flow shooting-alerts › fields.hospital', change: 'added' as const, after: 'include' },
      { path: 'flow shooting-alerts › fields.location', change: 'changed' as const, before: 'block', after: 'area' },
      { path: 'flow shooting-alerts › fields.occurredAt', change: 'added' as const, after: 'hour' },
      { path: 'flow shooting-alerts › fields.incidentType', change: 'removed' as const, before: 'include' },
    ];
    expect(describeChanges(changes, before, after, t)).toEqual([
      {
        flowId: 'shooting-alerts',
        title: 'Shooting notifications (Police → Partner)',
        lines: [
          'Acknowledgement deadline: 24 h → 12 h',
          'Partner will now also receive: hospital name',
          'location: to the block → to the service area',
          'Partner will now also receive: time of the incident (to the hour)',
          'Partner will no longer receive: incident type',
        ],
      },
    ]);
  });

  it('words the same changes in Spanish', async () => {
    const t = await translator('es');
    const changes = [
      { path: 'flow shooting-alerts › acknowledgeWithinHours', change: 'changed' as const, before: 24, after: 12 },
      { path: 'flow shooting-alerts › fields.hospital', change: 'added' as const, after: 'include' },
      { path: 'flow shooting-alerts › retentionDays', change: 'changed' as const, before: 1, after: 60 },
    ];
    expect(describeChanges(changes, before, after, t)).toEqual([
      {
        flowId: 'shooting-alerts',
        title: 'Avisos de tiroteos (Policía → Socio)',
        lines: [
          'Plazo de confirmación: 24 h → 12 h',
          'Socio ahora también recibirá: nombre del hospital',
          'Se conserva: 1 día → 60 días',
        ],
      },
    ]);
  });

  it('names new and removed flows, audiences, consent and conditions, and groups them per flow', async () => {
    const t = await translator('en');
    const changes = [
      { path: 'flow shooting-alerts › consentRequired', change: 'changed' as const, before: false, after: true },
      { path: 'flow shooting-alerts › audience', change: 'added' as const, after: 'program_manager' },
      { path: 'flow shooting-alerts › audience', change: 'removed' as const, before: 'outreach_worker' },
      {
        path: 'flow shooting-alerts › conditions.incidentTypes',
        change: 'added' as const,
        after: ['shooting', 'homicide'],
      },
      { path: 'flow shooting-alerts › acknowledgeWithinHours', change: 'changed' as const, before: 24 },
      { path: 'flow community-concerns', change: 'added' as const, after: 'community_concern' },
    ];
    const described = describeChanges(changes, before, after, t);
    expect(described.map((g) => g.title)).toEqual([
      'Shooting notifications (Police → Partner)',
      'Community concerns (Partner → Police)',
    ]);
    expect(described[0]!.lines).toEqual([
      'Consent required: no → yes',
      'Also shown to program managers',
      'No longer shown to outreach workers',
      'New condition — Incident types: shooting, homicide',
      'Acknowledgement deadline: 24 h → none',
    ]);
    expect(described[1]!.lines).toEqual(['New: Community concerns, from Partner to Police']);
    expect(
      describeChanges(
        [{ path: 'flow shooting-alerts', change: 'removed', before: 'incident_notification' }],
        before,
        {
          flows: [],
        },
        t,
      )[0]!.lines,
    ).toEqual(['No longer shared with Partner: Shooting notifications']);
  });

  it('still lists a change whose path it does not know, as the API wrote it', async () => {
    const t = await translator('en');
    expect(describeChanges([{ path: 'something else', change: 'changed' }], before, after, t)).toEqual([
      { flowId: '', title: '', lines: ['Changed: something else'] },
    ]);
  });
});

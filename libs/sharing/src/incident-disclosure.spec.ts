import fc from 'fast-check';
import type { Flow } from '@accord/policy';
import { PERSON_FIELDS, validateSharingParameters } from '@accord/policy';
import { ageBand, generalizeTime, hundredBlock } from './generalization';
import type { IncidentRecord } from './incident';
import { INCIDENT_NOTIFICATION_FIELDS, incidentMatchesFlow, projectIncident } from './incident-disclosure';

const PRECISIONS: Record<string, string[]> = {
  incidentType: ['include'],
  occurredAt: ['exact', 'hour', 'day'],
  location: ['exact', 'block', 'grid', 'area', 'none'],
  victimCount: ['include'],
  victimAgeBands: ['band'],
  fatal: ['include'],
  hospital: ['include'],
  retaliationRisk: ['include'],
  narrative: ['screened'],
  requestedResponse: ['include'],
};
const LOCATION_RANK = { none: 0, area: 1, grid: 2, block: 3, exact: 4 } as const;

const flowArb: fc.Arbitrary<Flow> = fc
  .tuple(
    fc.subarray([...INCIDENT_NOTIFICATION_FIELDS]),
    fc.array(fc.nat(4), { minLength: INCIDENT_NOTIFICATION_FIELDS.length, maxLength: INCIDENT_NOTIFICATION_FIELDS.length }),
  )
  .map(([fields, picks]) => ({
    id: 'alerts',
    category: 'incident_notification' as const,
    from: 'police' as const,
    to: 'partner' as const,
    audience: ['outreach_worker'],
    fields: Object.fromEntries(fields.map((f, i) => [f, PRECISIONS[f]![picks[i]! % PRECISIONS[f]!.length]!])),
    retentionDays: 30,
  }));

// Names from an alphabet no street, hospital or marker uses, so "the name is nowhere in the payload" is checkable.
const nameArb = fc.tuple(fc.constantFrom('Zyqar', 'Quennix', 'Vexlo', 'Jorvath'), fc.constantFrom('Xandrew', 'Pyquist', 'Zembly')).map(([a, b]) => `${a} ${b}`);

const incidentArb: fc.Arbitrary<IncidentRecord> = fc.record({
  type: fc.constantFrom('shooting' as const, 'homicide' as const),
  occurredAt: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }),
  location: fc.record({
    latitude: fc.double({ min: 41.6, max: 42.0, noNaN: true }),
    longitude: fc.double({ min: -87.9, max: -87.5, noNaN: true }),
    houseNumber: fc.integer({ min: 1, max: 9999 }).map(String),
    street: fc.constantFrom('W Division St', 'S Halsted Ave', 'E 63rd St'),
    serviceArea: fc.constantFrom('D11', 'D7', 'D15'),
  }),
  victims: fc.array(fc.record({ age: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }), fatal: fc.boolean(), name: nameArb }), { minLength: 1, maxLength: 4 }),
  hospital: fc.constantFrom('Mount Sinai', 'Stroger', null),
  retaliationRisk: fc.constantFrom('low' as const, 'medium' as const, 'high' as const, 'unknown' as const),
  narrative: fc.oneof(
    fc.constant('Group dispute escalated near the park; tension reported.'),
    nameArb.map((n) => `${n} was seen arguing with another group before the shooting.`),
    fc.constant('Caller left number 312-555-0187 for follow up.'),
  ),
  requestedResponse: fc.constantFrom('post-incident walk within 24 h', 'hospital visit', null),
  caseNumber: fc.integer({ min: 100000, max: 999999 }).map((n) => `JA${n}`),
  otherNames: fc.array(nameArb, { maxLength: 2 }),
});

describe('projectIncident', () => {
  it('never discloses a withheld field, a finer precision than allowed, or any person data (property)', () => {
    fc.assert(
      fc.property(flowArb, incidentArb, fc.boolean(), (flow, incident, redact) => {
        expect(validateSharingParameters({ flows: [flow] }).valid).toBe(true);
        const projection = projectIncident(incident, flow, { redact });
        if (!projection.ok) {
          // Refused only for free text with identifiers, and only when the sender did not choose redaction.
          expect(redact).toBe(false);
          expect(projection.findings.length).toBeGreaterThan(0);
          return;
        }
        const { payload, fieldsReleased, fieldsWithheld } = projection;
        const keys = Object.keys(payload);
        for (const key of keys) expect(flow.fields).toHaveProperty(key);
        expect([...keys].sort()).toEqual([...fieldsReleased].sort());
        expect([...fieldsReleased, ...fieldsWithheld.map((w) => w.field)].sort()).toEqual([...INCIDENT_NOTIFICATION_FIELDS].sort());
        for (const key of keys) expect(PERSON_FIELDS.has(key)).toBe(false);

        if (payload.occurredAt) {
          const at = new Date(payload.occurredAt);
          if (flow.fields.occurredAt !== 'exact') expect(at.getUTCMinutes() + at.getUTCSeconds() + at.getUTCMilliseconds()).toBe(0);
          if (flow.fields.occurredAt === 'day') expect(at.getUTCHours()).toBe(0);
        }
        if (payload.location) {
          expect(LOCATION_RANK[payload.location.precision]).toBeLessThanOrEqual(LOCATION_RANK[flow.fields.location as keyof typeof LOCATION_RANK]);
          // The house address never travels below exact precision (a hundred-block may share its number: 3600 → "3600 block").
          if (payload.location.precision !== 'exact') expect(JSON.stringify(payload.location)).not.toContain(`${incident.location.houseNumber} ${incident.location.street}`);
        }
        for (const band of payload.victimAgeBands ?? []) expect(band).toMatch(/^(\d+-\d+|unknown)$/);

        const text = JSON.stringify(payload);
        for (const name of [...incident.victims.map((v) => v.name!), ...(incident.otherNames ?? [])]) {
          for (const part of name.split(' ')) expect(text).not.toContain(part);
        }
        expect(text).not.toContain(incident.caseNumber!);
        expect(text).not.toContain('312-555-0187');
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a narrative with identifiers unless the sender chooses redaction, and lists what was found', () => {
    const flow = { id: 'a', category: 'incident_notification', from: 'police', to: 'partner', audience: ['outreach_worker'], fields: { narrative: 'screened' }, retentionDays: 30 } as Flow;
    const incident: IncidentRecord = {
      type: 'shooting',
      occurredAt: new Date('2026-11-20T22:47:13Z'),
      location: { latitude: 41.9, longitude: -87.7, houseNumber: '1234', street: 'W Division St', serviceArea: 'D11' },
      victims: [{ age: 17, fatal: false, name: 'Darnell Whitfield' }],
      retaliationRisk: 'high',
      narrative: 'Darnell was hit; mother at 312-555-0187.',
      caseNumber: 'JA481220',
    };
    const refused = projectIncident(incident, flow, { redact: false });
    expect(refused).toEqual({ ok: false, findings: [{ field: 'narrative', findings: [expect.objectContaining({ kind: 'name_on_record' }), expect.objectContaining({ kind: 'phone' })] }] });
    const redacted = projectIncident(incident, flow, { redact: true });
    expect(redacted.ok && redacted.payload.narrative).toBe('[redacted: name_on_record] was hit; mother at [redacted: phone].');
  });

  it('generalizes time, location and ages as agreed', () => {
    expect(generalizeTime(new Date('2026-11-20T22:47:13.120Z'), 'hour')).toBe('2026-11-20T22:00:00.000Z');
    expect(generalizeTime(new Date('2026-11-20T22:47:13.120Z'), 'day')).toBe('2026-11-20T00:00:00.000Z');
    expect(hundredBlock('1234', 'W Division St')).toBe('1200 block of W Division St');
    expect(ageBand(17)).toBe('15-19');
    expect(ageBand(null)).toBe('unknown');
  });

  it('matches a flow by incident type, service area, victim ages and fatality', () => {
    const base = { type: 'shooting', occurredAt: new Date(), location: { latitude: 0, longitude: 0, street: 'x', serviceArea: 'D11' }, victims: [{ age: 17, fatal: false }], retaliationRisk: 'low' } as IncidentRecord;
    const flow = (conditions: Record<string, unknown>) => ({ id: 'a', category: 'incident_notification', from: 'police', to: 'partner', audience: ['outreach_worker'], fields: {}, retentionDays: 1, conditions }) as Flow;
    expect(incidentMatchesFlow(base, flow({ incidentTypes: ['shooting'], serviceAreas: ['D11'], victimAgeMax: 24 }))).toBe(true);
    expect(incidentMatchesFlow(base, flow({ incidentTypes: ['homicide'] }))).toBe(false);
    expect(incidentMatchesFlow(base, flow({ serviceAreas: ['D7'] }))).toBe(false);
    expect(incidentMatchesFlow(base, flow({ victimAgeMin: 18 }))).toBe(false);
    expect(incidentMatchesFlow(base, flow({ fatalOnly: true }))).toBe(false);
  });
});

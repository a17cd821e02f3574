import fc from 'fast-check';
import type { Flow } from '@accord/policy';
import { PERSON_FIELDS, validateSharingParameters } from '@accord/policy';
import { ageBand, generalizeLocation, generalizeTime, hundredBlock } from './generalization';
import { foldText } from './identifier-screening';
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
    fc.array(fc.nat(4), {
      minLength: INCIDENT_NOTIFICATION_FIELDS.length,
      maxLength: INCIDENT_NOTIFICATION_FIELDS.length,
    }),
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
const nameArb = fc
  .tuple(
    fc.constantFrom('Zyqar', 'Quennix', 'Vexlo', 'Jorvath', 'Zoë'),
    fc.constantFrom('Xandrew', 'Pyquist', 'Zembly', 'Quñez'),
  )
  .map(([a, b]) => `${a} ${b}`);

const incidentArb: fc.Arbitrary<IncidentRecord> = fc.record({
  type: fc.constantFrom('shooting' as const, 'homicide' as const),
  occurredAt: fc.date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2030-01-01T00:00:00Z'),
    noInvalidDate: true,
  }),
  location: fc.record({
    latitude: fc.double({ min: 41.6, max: 42.0, noNaN: true }),
    longitude: fc.double({ min: -87.9, max: -87.5, noNaN: true }),
    houseNumber: fc.integer({ min: 1, max: 9999 }).map(String),
    // The last one holds a house number typed into the street field.
    street: fc.constantFrom('W Division St', 'S Halsted Ave', 'E 63rd St', '1432 W Chicago Ave'),
    serviceArea: fc.constantFrom('D11', 'D7', 'D15'),
  }),
  victims: fc.array(
    fc.record({ age: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }), fatal: fc.boolean(), name: nameArb }),
    { minLength: 1, maxLength: 4 },
  ),
  hospital: fc.constantFrom('Mount Sinai', 'Stroger', null),
  retaliationRisk: fc.constantFrom('low' as const, 'medium' as const, 'high' as const, 'unknown' as const),
  narrative: fc.oneof(
    fc.constant('Group dispute escalated near the park; tension reported.'),
    nameArb.map((n) => `${n} was seen arguing with another group before the shooting.`),
    // The surname alone, in capitals and without its accents.
    nameArb.map((n) => `${foldText(n.split(' ')[1]!).text.toUpperCase()} family asked for a visit.`),
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
        expect([...fieldsReleased, ...fieldsWithheld.map((w) => w.field)].sort()).toEqual(
          [...INCIDENT_NOTIFICATION_FIELDS].sort(),
        );
        for (const key of keys) expect(PERSON_FIELDS.has(key)).toBe(false);

        if (payload.occurredAt) {
          const at = new Date(payload.occurredAt);
          if (flow.fields.occurredAt !== 'exact')
            expect(at.getUTCMinutes() + at.getUTCSeconds() + at.getUTCMilliseconds()).toBe(0);
          if (flow.fields.occurredAt === 'day') expect(at.getUTCHours()).toBe(0);
        }
        if (payload.location) {
          expect(LOCATION_RANK[payload.location.precision]).toBeLessThanOrEqual(
            LOCATION_RANK[flow.fields.location as keyof typeof LOCATION_RANK],
          );
          // The house address never travels below exact precision (a hundred-block may share its number: 3600 → "3600
          // block").
          if (payload.location.precision !== 'exact')
            expect(JSON.stringify(payload.location)).not.toContain(
              `${incident.location.houseNumber} ${incident.location.street}`,
            );
          // Below exact, a street carries no digits but an ordinal's: a number typed into the street field never rides
          // along.
          if (payload.location.precision === 'block')
            expect(payload.location.block.replace(/^\d+ block of /, '')).not.toMatch(/\b\d+(?!st|nd|rd|th)\b/);
        }
        for (const band of payload.victimAgeBands ?? []) expect(band).toMatch(/^(\d+-\d+|unknown)$/);

        const text = JSON.stringify(payload);
        const foldedText = foldText(text).text;
        for (const name of [...incident.victims.map((v) => v.name!), ...(incident.otherNames ?? [])]) {
          for (const part of name.split(' ')) expect(foldedText).not.toContain(foldText(part).text);
        }
        expect(text).not.toContain(incident.caseNumber!);
        expect(text).not.toContain('312-555-0187');
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a narrative with identifiers unless the sender chooses redaction, and lists what was found', () => {
    const flow = {
      id: 'a',
      category: 'incident_notification',
      from: 'police',
      to: 'partner',
      audience: ['outreach_worker'],
      fields: { narrative: 'screened' },
      retentionDays: 30,
    } as Flow;
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
    expect(refused).toEqual({
      ok: false,
      findings: [
        {
          field: 'narrative',
          findings: [expect.objectContaining({ kind: 'name_on_record' }), expect.objectContaining({ kind: 'phone' })],
        },
      ],
    });
    const redacted = projectIncident(incident, flow, { redact: true });
    expect(redacted.ok && redacted.payload.narrative).toBe(
      '[redacted: name_on_record] was hit; mother at [redacted: phone].',
    );
  });

  // Issue 12 item 6, as the tester typed them: each reached the partner before.
  describe('everyday identifiers', () => {
    const flow = {
      id: 'a',
      category: 'incident_notification',
      from: 'police',
      to: 'partner',
      audience: ['outreach_worker'],
      fields: { location: 'block', narrative: 'screened' },
      retentionDays: 30,
    } as Flow;
    const incident = (narrative: string, location: Partial<IncidentRecord['location']> = {}): IncidentRecord => ({
      type: 'shooting',
      occurredAt: new Date('2026-11-20T22:47:13Z'),
      location: {
        latitude: 41.9,
        longitude: -87.7,
        houseNumber: '1432',
        street: 'W Chicago Ave',
        serviceArea: 'D12',
        ...location,
      },
      victims: [{ age: 19, fatal: false, name: 'José Núñez' }],
      retaliationRisk: 'high',
      narrative,
      caseNumber: 'JA481220',
    });
    const narrativeOf = (record: IncidentRecord) => {
      const projection = projectIncident(record, flow, { redact: true });
      if (!projection.ok) throw new Error('redaction was chosen');
      return projection.payload.narrative;
    };

    it.each([
      [
        'the scene’s house number without a suffix',
        'hit in front of 1432 W Chicago',
        'hit in front of [redacted: street_address] W Chicago',
      ],
      ['a 7-digit local number', 'aunt at 555-0187 wants a call', 'aunt at [redacted: phone] wants a call'],
      ['the victim’s name without accents', 'Jose Nunez was hit', '[redacted: name_on_record] was hit'],
      ['the victim’s name in other case', 'JOSÉ núñez was hit', '[redacted: name_on_record] was hit'],
      [
        'the surname only',
        'the Nunez family asked for a visit',
        'the [redacted: name_on_record] family asked for a visit',
      ],
    ])('redacts %s', (_label, narrative, expected) => {
      expect(projectIncident(incident(narrative), flow, { redact: false }).ok).toBe(false);
      expect(narrativeOf(incident(narrative))).toBe(expected);
    });

    it('finds a house number typed into the street field in the narrative too', () => {
      expect(
        narrativeOf(incident('shot at 1432 on the corner', { houseNumber: undefined, street: '1432 W Chicago Ave' })),
      ).toBe('shot at [redacted: street_address] on the corner');
    });

    it('releases a street field holding the house number as its hundred-block, without the number', () => {
      const projection = projectIncident(
        incident('Group dispute.', { houseNumber: undefined, street: '1432 W Chicago Ave' }),
        flow,
        { redact: false },
      );
      expect(projection.ok && projection.payload.location).toEqual({
        precision: 'block',
        block: '1400 block of W Chicago Ave',
        serviceArea: 'D12',
      });
      expect(hundredBlock(undefined, 'W Chicago Ave Apt 3')).toBe('W Chicago Ave Apt');
      expect(hundredBlock('1432', '1432 W Chicago Ave')).toBe('1400 block of W Chicago Ave');
      expect(hundredBlock('5612', 'S 63rd St')).toBe('5600 block of S 63rd St');
      expect(
        generalizeLocation(
          { latitude: 0, longitude: 0, street: '1432-1434 W Chicago Ave #2R', serviceArea: 'D12' },
          'block',
        ),
      ).toEqual({ precision: 'block', block: '1400 block of W Chicago Ave', serviceArea: 'D12' });
    });
  });

  it('generalizes time, location and ages as agreed', () => {
    expect(generalizeTime(new Date('2026-11-20T22:47:13.120Z'), 'hour')).toBe('2026-11-20T22:00:00.000Z');
    expect(generalizeTime(new Date('2026-11-20T22:47:13.120Z'), 'day')).toBe('2026-11-20T00:00:00.000Z');
    expect(hundredBlock('1234', 'W Division St')).toBe('1200 block of W Division St');
    expect(ageBand(17)).toBe('15-19');
    expect(ageBand(null)).toBe('unknown');
  });

  it('matches a flow by incident type, service area, victim ages and fatality', () => {
    const base = {
      type: 'shooting',
      occurredAt: new Date(),
      location: { latitude: 0, longitude: 0, street: 'x', serviceArea: 'D11' },
      victims: [{ age: 17, fatal: false }],
      retaliationRisk: 'low',
    } as IncidentRecord;
    const flow = (conditions: Record<string, unknown>) =>
      ({
        id: 'a',
        category: 'incident_notification',
        from: 'police',
        to: 'partner',
        audience: ['outreach_worker'],
        fields: {},
        retentionDays: 1,
        conditions,
      }) as Flow;
    expect(
      incidentMatchesFlow(base, flow({ incidentTypes: ['shooting'], serviceAreas: ['D11'], victimAgeMax: 24 })),
    ).toBe(true);
    expect(incidentMatchesFlow(base, flow({ incidentTypes: ['homicide'] }))).toBe(false);
    expect(incidentMatchesFlow(base, flow({ serviceAreas: ['D7'] }))).toBe(false);
    expect(incidentMatchesFlow(base, flow({ victimAgeMin: 18 }))).toBe(false);
    expect(incidentMatchesFlow(base, flow({ fatalOnly: true }))).toBe(false);
  });
});

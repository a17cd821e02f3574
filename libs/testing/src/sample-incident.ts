// No imports: the browser tests (apps/web/e2e) share this incident without loading the Nest test kit.

/** A shooting incident as a liaison records it, with names and a case number that must never leave. */
export function sampleIncident(narrative: string) {
  return {
    type: 'shooting',
    occurredAt: '2026-11-23T01:47:13Z',
    location: {
      latitude: 41.9031,
      longitude: -87.6712,
      houseNumber: '1234',
      street: 'W Division St',
      serviceArea: 'D14',
    },
    victims: [{ age: 17, fatal: false, name: 'Darnell Whitfield' }],
    hospital: 'Stroger Hospital',
    retaliationRisk: 'high',
    narrative,
    requestedResponse: 'post-incident walk within 24 h',
    caseNumber: 'JA481220',
    otherNames: ['Marcus Bell'],
  };
}

import { redactIdentifiers, screenForIdentifiers } from './identifier-screening';

const context = { namesOnRecord: ['Darnell Q. Whitfield'], caseNumbers: ['JA-481220'] };
const kinds = (text: string) => screenForIdentifiers(text, context).map((f) => f.kind);

describe('screenForIdentifiers', () => {
  it.each([
    ['a phone number', 'Brother can be reached at (312) 555-0187 tonight', 'phone'],
    ['an e-mail address', 'family wrote from mama.w@example.org', 'email'],
    ['a date of birth', 'victim born 03/14/2007 per the hospital', 'date_of_birth'],
    ['a spelled-out date', 'DOB March 14, 2007', 'date_of_birth'],
    ['a house-number address', 'shots fired near 1234 W Division St after the game', 'street_address'],
    ['a case number in police format', 'see RD# JA123456 for details', 'case_number'],
    ['the record’s own case number', 'linked to JA-481220', 'case_number'],
    ['a name on the record, in part', 'Darnell was seen earlier with a group', 'name_on_record'],
  ])('finds %s', (_label, text, kind) => {
    expect(kinds(text)).toContain(kind);
  });

  // Issue 12 item 6: everyday identifiers that reached the partner.
  it.each([
    ['a name typed without its accents', 'Jose Nunez was hit near the corner', 'José Núñez', 'Jose Nunez'],
    ['a name in other case', 'JOSÉ NÚÑEZ was hit', 'José Núñez', 'JOSÉ NÚÑEZ'],
    ['the surname only, lower case and unaccented', 'the nunez family asked for a visit', 'José Núñez', 'nunez'],
    ['a hyphenated surname, one half', 'Reyes was with him', 'Jalen Okafor-Reyes', 'Reyes'],
  ])('finds %s', (_label, text, name, found) => {
    const findings = screenForIdentifiers(text, { namesOnRecord: [name], caseNumbers: [] });
    expect(findings.map((f) => f.kind)).toEqual(['name_on_record']);
    expect(text.slice(findings[0]!.start, findings[0]!.end)).toBe(found);
  });

  it('finds the scene’s own house number without a street type after it', () => {
    const text = 'hit in front of 1432 W Chicago';
    const findings = screenForIdentifiers(text, { namesOnRecord: [], caseNumbers: [], houseNumbers: ['1432'] });
    expect(findings.map((f) => f.kind)).toEqual(['street_address']);
    expect(redactIdentifiers(text, findings)).toBe('hit in front of [redacted: street_address] W Chicago');
  });

  it.each(['call 555-0187 after six', 'call 555.0187 after six', 'call 5550187 after six', 'call 555 0187 after six'])(
    'finds a 7-digit local number: %s',
    (text) => {
      expect(kinds(text)).toEqual(['phone']);
    },
  );

  it('keeps ranges, years and counts that are no phone number', () => {
    expect(
      screenForIdentifiers('From 2025-2026 about 40 people, 1200 block, 16:30 to 18:45.', {
        namesOnRecord: [],
        caseNumbers: [],
        houseNumbers: ['1432'],
      }),
    ).toEqual([]);
  });

  it('redacts the original span of a name found without accents or case', () => {
    const text = 'Señora NÚÑEZ called.';
    expect(
      redactIdentifiers(text, screenForIdentifiers(text, { namesOnRecord: ['José Núñez'], caseNumbers: [] })),
    ).toBe('Señora [redacted: name_on_record] called.');
  });

  it('finds nothing in a narrative that is already generalized', () => {
    expect(
      screenForIdentifiers(
        'Two males shot in the 1200 block area after a dispute; tensions high between groups near the park.',
        context,
      ),
    ).toEqual([]);
  });

  it('does not take a name part that sits inside another word', () => {
    expect(
      screenForIdentifiers('The Whitfieldian style mural', { namesOnRecord: ['Whitfield'], caseNumbers: [] }),
    ).toEqual([]);
  });

  it('redacts every finding with a marker naming its kind', () => {
    const text = 'Call Darnell at 312-555-0187.';
    expect(redactIdentifiers(text, screenForIdentifiers(text, context))).toBe(
      'Call [redacted: name_on_record] at [redacted: phone].',
    );
  });
});

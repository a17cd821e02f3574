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

  it('finds nothing in a narrative that is already generalized', () => {
    expect(screenForIdentifiers('Two males shot in the 1200 block area after a dispute; tensions high between groups near the park.', context)).toEqual([]);
  });

  it('does not take a name part that sits inside another word', () => {
    expect(screenForIdentifiers('The Whitfieldian style mural', { namesOnRecord: ['Whitfield'], caseNumbers: [] })).toEqual([]);
  });

  it('redacts every finding with a marker naming its kind', () => {
    const text = 'Call Darnell at 312-555-0187.';
    expect(redactIdentifiers(text, screenForIdentifiers(text, context))).toBe('Call [redacted: name_on_record] at [redacted: phone].');
  });
});

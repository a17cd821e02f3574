import { describe, expect, it } from 'vitest';
import { landingPathFor } from './landing';

describe('landingPathFor', () => {
  it('sends outreach workers to their inbox', () => expect(landingPathFor(['outreach_worker'])).toBe('/inbox'));
  it('sends program managers to triage, even those who also work the street', () => {
    expect(landingPathFor(['program_manager'])).toBe('/triage');
    expect(landingPathFor(['outreach_worker', 'program_manager'])).toBe('/triage');
  });
  it('sends police liaisons to their incidents', () => {
    expect(landingPathFor(['police_liaison'])).toBe('/incidents');
    expect(landingPathFor(['police_liaison', 'org_admin'])).toBe('/incidents');
  });
  it('sends board members to their partnerships’ workspace', () => {
    expect(landingPathFor(['board_member'])).toBe('/board');
    expect(landingPathFor(['board_member', 'org_admin'])).toBe('/board');
  });
  it('sends everyone else to the home page', () => {
    for (const role of ['org_admin', 'platform_operator'] as const) expect(landingPathFor([role])).toBe('/home');
  });
});

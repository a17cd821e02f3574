import { describe, expect, it } from 'vitest';
import { navigationFor } from './navigation';

describe('navigationFor', () => {
  it('gives an outreach worker the inbox and their referrals', () => {
    expect(navigationFor(['outreach_worker']).map((l) => l.to)).toEqual(['/inbox', '/referrals/mine']);
  });

  it('gives a program manager triage, the team and the inbox where escalations arrive', () => {
    expect(navigationFor(['program_manager']).map((l) => l.to)).toEqual([
      '/triage',
      '/referrals/team',
      '/inbox',
      '/concerns/new',
    ]);
  });

  it('lists the inbox once for someone who is both', () => {
    expect(navigationFor(['outreach_worker', 'program_manager']).map((l) => l.to)).toEqual([
      '/inbox',
      '/referrals/mine',
      '/triage',
      '/referrals/team',
      '/concerns/new',
    ]);
  });

  it('gives a police liaison the incidents, the referrals they sent and the inbox where concerns arrive', () => {
    expect(navigationFor(['police_liaison']).map((l) => l.to)).toEqual(['/incidents', '/referrals/sent', '/inbox']);
  });

  it('gives an org admin the agreements, the people, the webhooks and the service areas', () => {
    expect(navigationFor(['org_admin']).map((l) => l.to)).toEqual([
      '/agreements',
      '/people',
      '/webhooks',
      '/service-areas',
    ]);
    expect(navigationFor(['police_liaison', 'org_admin']).map((l) => l.to)).toEqual([
      '/incidents',
      '/referrals/sent',
      '/inbox',
      '/agreements',
      '/people',
      '/webhooks',
      '/service-areas',
    ]);
  });

  it('gives a board member the board’s workspace', () => {
    expect(navigationFor(['board_member']).map((l) => l.to)).toEqual(['/board']);
  });

  it('sends every other role home', () => {
    expect(navigationFor(['platform_operator']).map((l) => l.to)).toEqual(['/home']);
  });
});

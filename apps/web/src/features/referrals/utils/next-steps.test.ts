import { describe, expect, it } from 'vitest';
import { nextSteps } from './next-steps';

describe('nextSteps', () => {
  it('lets a program manager accept or decline a new referral, then assign it', () => {
    expect(nextSteps('sent', ['program_manager'])).toEqual(['accepted', 'declined']);
    expect(nextSteps('accepted', ['program_manager'])).toEqual(['assigned']);
    expect(nextSteps('assigned', ['program_manager'])).toEqual(['contact_attempted', 'assigned']);
  });

  it('gives the assigned worker the street steps only', () => {
    expect(nextSteps('sent', ['outreach_worker'])).toEqual([]);
    expect(nextSteps('accepted', ['outreach_worker'])).toEqual([]);
    expect(nextSteps('assigned', ['outreach_worker'])).toEqual(['contact_attempted']);
    expect(nextSteps('contact_attempted', ['outreach_worker'])).toEqual(['engaged', 'unable_to_reach', 'refused_services', 'contact_attempted']);
    for (const outcome of ['engaged', 'unable_to_reach', 'refused_services'] as const) expect(nextSteps(outcome, ['outreach_worker'])).toEqual(['closed']);
  });

  it('treats someone who is both as the manager, as the API does', () => {
    expect(nextSteps('accepted', ['outreach_worker', 'program_manager'])).toEqual(['assigned']);
  });

  it('offers nothing on a finished referral', () => {
    for (const status of ['declined', 'closed', 'retracted'] as const) expect(nextSteps(status, ['program_manager'])).toEqual([]);
  });
});

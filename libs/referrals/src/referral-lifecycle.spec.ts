import {
  checkTransition,
  coarseStatus,
  isOpen,
  nextStepsFrom,
  normalizeName,
  type ReferralStatus,
} from './referral-lifecycle';

describe('referral lifecycle', () => {
  it('walks the happy path, each step by the party allowed to take it', () => {
    const path: [ReferralStatus, ReferralStatus, 'manager' | 'assignee'][] = [
      ['sent', 'accepted', 'manager'],
      ['accepted', 'assigned', 'manager'],
      ['assigned', 'contact_attempted', 'assignee'],
      ['contact_attempted', 'engaged', 'assignee'],
      ['engaged', 'closed', 'assignee'],
    ];
    for (const [from, to, mover] of path) expect(checkTransition(from, to, mover)).toEqual({ ok: true });
  });

  it('refuses skipped steps, steps by the wrong party and anything after a terminal state', () => {
    expect(checkTransition('sent', 'assigned', 'manager')).toEqual({ ok: false, reason: 'INVALID_TRANSITION' });
    expect(checkTransition('sent', 'accepted', 'assignee')).toEqual({ ok: false, reason: 'NOT_YOUR_STEP' });
    expect(checkTransition('accepted', 'assigned', 'assignee')).toEqual({ ok: false, reason: 'NOT_YOUR_STEP' });
    expect(checkTransition('accepted', 'retracted', 'sender')).toEqual({ ok: false, reason: 'INVALID_TRANSITION' });
    expect(checkTransition('sent', 'retracted', 'sender')).toEqual({ ok: true });
    for (const terminal of ['declined', 'retracted', 'closed'] as const) {
      expect(isOpen(terminal)).toBe(false);
      expect(checkTransition(terminal, 'accepted', 'manager').ok).toBe(false);
    }
  });

  it('maps every state to the coarse outcome a status flow may carry', () => {
    expect(coarseStatus('engaged')).toBe('engaged');
    expect(coarseStatus('refused_services')).toBe('not_engaged');
    expect(coarseStatus('unable_to_reach')).toBe('not_engaged');
    expect(coarseStatus('declined')).toBe('not_engaged');
    expect(coarseStatus('assigned')).toBe('pending');
    expect(coarseStatus('closed')).toBe('closed');
  });

  it('normalizes names so spelling variants share one blind index', () => {
    expect(normalizeName('  José  ÁLVAREZ-Ruiz ')).toBe(normalizeName('alvarez ruiz jose'));
    expect(normalizeName('Ann Lee')).not.toBe(normalizeName('Anne Lee'));
  });

  describe('nextStepsFrom: the buttons on the partner’s screens', () => {
    it('lets a program manager accept or decline a new referral, then assign it', () => {
      expect(nextStepsFrom('sent', 'manager')).toEqual(['accepted', 'declined']);
      expect(nextStepsFrom('accepted', 'manager')).toEqual(['assigned']);
      expect(nextStepsFrom('assigned', 'manager')).toEqual(['contact_attempted', 'assigned']);
    });

    it('gives the assigned worker the street steps only, outcomes before another attempt', () => {
      expect(nextStepsFrom('sent', 'assignee')).toEqual([]);
      expect(nextStepsFrom('accepted', 'assignee')).toEqual([]);
      expect(nextStepsFrom('assigned', 'assignee')).toEqual(['contact_attempted']);
      expect(nextStepsFrom('contact_attempted', 'assignee')).toEqual([
        'engaged',
        'unable_to_reach',
        'refused_services',
        'contact_attempted',
      ]);
      for (const outcome of ['engaged', 'unable_to_reach', 'refused_services'] as const)
        expect(nextStepsFrom(outcome, 'assignee')).toEqual(['closed']);
    });

    it('offers nothing on a finished referral', () => {
      for (const status of ['declined', 'closed', 'retracted'] as const)
        expect(nextStepsFrom(status, 'manager')).toEqual([]);
    });
  });
});

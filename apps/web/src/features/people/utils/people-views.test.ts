import { describe, expect, it } from 'vitest';
import {
  type AccountEvent,
  accountStateOf,
  actionsFor,
  displayNameProblem,
  emailLooksValid,
  eventLineOf,
  orderedRoles,
  rolesChanged,
  sortPeople,
} from './people-views';

const event = (overrides: Partial<AccountEvent>): AccountEvent => ({
  seq: 1,
  occurredAt: '2026-12-07T05:00:00.000Z',
  action: 'user.disable',
  outcome: 'success',
  reason: null,
  details: {},
  actorRoles: ['org_admin'],
  actorUserId: 'admin-1',
  actorDisplayName: 'Ada Admin',
  bySubject: false,
  ...overrides,
});

describe('accountStateOf', () => {
  it('says disabled first, then locked, then invited, then active', () => {
    expect(accountStateOf({ status: 'disabled', locked: true })).toBe('disabled');
    expect(accountStateOf({ status: 'active', locked: true })).toBe('locked');
    expect(accountStateOf({ status: 'pending', locked: true })).toBe('locked');
    expect(accountStateOf({ status: 'pending', locked: false })).toBe('invited');
    expect(accountStateOf({ status: 'active', locked: false })).toBe('active');
  });
});

describe('actionsFor', () => {
  it('offers disable to others only, enable to the disabled, release to the locked', () => {
    expect(actionsFor({ id: 'a', status: 'active', locked: false }, 'me')).toEqual({
      disable: true,
      enable: false,
      releaseLockout: false,
      reset: true,
    });
    expect(actionsFor({ id: 'a', status: 'disabled', locked: true }, 'me')).toEqual({
      disable: false,
      enable: true,
      releaseLockout: true,
      reset: true,
    });
  });

  it('never offers the admin to disable or reset their own account', () => {
    expect(actionsFor({ id: 'me', status: 'active', locked: false }, 'me')).toMatchObject({
      disable: false,
      reset: false,
    });
  });
});

describe('sortPeople, orderedRoles, rolesChanged', () => {
  it('sorts by name, the unnamed by e-mail', () => {
    const people = [
      { displayName: 'zoe', email: 'z@x' },
      { displayName: null, email: 'b@x' },
      { displayName: 'Ana', email: 'q@x' },
    ];
    expect(sortPeople(people).map((p) => p.email)).toEqual(['q@x', 'b@x', 'z@x']);
  });

  it('keeps the organization’s order of roles and compares sets', () => {
    expect(orderedRoles(['board_member', 'org_admin'], ['org_admin', 'police_liaison', 'board_member'])).toEqual([
      'org_admin',
      'board_member',
    ]);
    expect(rolesChanged(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(rolesChanged(['a'], ['a', 'b'])).toBe(true);
    expect(rolesChanged(['a'], ['b'])).toBe(true);
  });
});

describe('eventLineOf', () => {
  it('names who did it: you, a colleague, the person, an operator or Accord itself', () => {
    expect(eventLineOf(event({}), 'admin-1').actor).toEqual({ kind: 'you' });
    expect(eventLineOf(event({}), 'admin-2').actor).toEqual({ kind: 'colleague', name: 'Ada Admin' });
    expect(eventLineOf(event({ action: 'auth.login', bySubject: true }), 'admin-1').actor).toEqual({ kind: 'person' });
    expect(
      eventLineOf(event({ actorUserId: null, actorDisplayName: null, actorRoles: ['platform_operator'] }), 'x').actor,
    ).toEqual({ kind: 'operator' });
    expect(eventLineOf(event({ actorUserId: null, actorDisplayName: null, actorRoles: [] }), 'x').actor).toEqual({
      kind: 'system',
    });
  });

  it('calls a failed sign-in an attempt with its reason, never something the person did', () => {
    const line = eventLineOf(
      event({ action: 'auth.login', outcome: 'failure', reason: 'TOTP_INVALID', bySubject: true }),
      'admin-1',
    );
    expect(line).toMatchObject({ what: 'auth.login_failure', failure: 'TOTP_INVALID', actor: { kind: 'attempt' } });
    expect(eventLineOf(event({ action: 'auth.login', outcome: 'failure', reason: 'SOMETHING' }), 'a').failure).toBe(
      'other',
    );
  });

  it('reads a role change’s before and after, and leaves an unknown action to its code', () => {
    const line = eventLineOf(
      event({ action: 'user.roles_change', details: { from: 'outreach_worker', to: 'board_member,outreach_worker' } }),
      'admin-1',
    );
    expect(line).toMatchObject({
      what: 'user.roles_change',
      from: ['outreach_worker'],
      to: ['board_member', 'outreach_worker'],
    });
    expect(eventLineOf(event({ action: 'user.something_new' }), 'a').what).toBeNull();
  });
});

describe('emailLooksValid, displayNameProblem', () => {
  it('checks an e-mail address for comfort', () => {
    expect(emailLooksValid('ana@example.org')).toBe(true);
    expect(emailLooksValid('not an address')).toBe(false);
    expect(emailLooksValid('ana@example')).toBe(false);
  });

  it('refuses what the API refuses in a name, and lets an empty one through', () => {
    expect(displayNameProblem('')).toBeNull();
    expect(displayNameProblem('  Rosa Vega ')).toBeNull();
    expect(displayNameProblem('x'.repeat(101))).toBe('tooLong');
    expect(displayNameProblem('Rosa\nVega')).toBe('characters');
    expect(displayNameProblem('Rosa\u202eVega')).toBe('characters');
  });
});

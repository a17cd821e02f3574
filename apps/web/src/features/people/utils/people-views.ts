import type { components } from '@/api/schema';

type Schemas = components['schemas'];
export type Person = Schemas['ReadableUserDto'];
export type AccountEvent = Schemas['UserEventDto'];
export type Role = Schemas['Role'];

/** What the admin reads of an account: one state, the most pressing first. */
export type AccountState = 'disabled' | 'locked' | 'invited' | 'active';

/**
 * Disabled wins (nothing works until it is enabled), then locked (it stays locked while invited or active), then
 * invited (a pending account has not finished enrollment), then active.
 */
export function accountStateOf(person: Pick<Person, 'status' | 'locked'>): AccountState {
  if (person.status === 'disabled') return 'disabled';
  if (person.locked) return 'locked';
  if (person.status === 'pending') return 'invited';
  return 'active';
}

/** The acts the API allows on an account in this state (the API decides; this only hides what would be refused). */
export function actionsFor(
  person: Pick<Person, 'id' | 'status' | 'locked'>,
  selfId: string | undefined,
): { disable: boolean; enable: boolean; releaseLockout: boolean; reset: boolean } {
  const self = person.id === selfId;
  return {
    disable: !self && person.status !== 'disabled',
    enable: person.status === 'disabled',
    releaseLockout: person.locked === true,
    reset: !self,
  };
}

/** The organization's people, by name (unnamed by e-mail), so the list reads like a staff list. */
export function sortPeople<T extends Pick<Person, 'displayName' | 'email'>>(people: readonly T[]): T[] {
  const key = (p: T) => (p.displayName ?? p.email ?? '').toLocaleLowerCase();
  return [...people].sort((a, b) => key(a).localeCompare(key(b)));
}

/** Roles in the order the organization offers them, so a chosen set reads the same everywhere. */
export function orderedRoles(chosen: readonly string[], offered: readonly Role[]): Role[] {
  return offered.filter((role) => chosen.includes(role));
}

/** Whether a set of roles differs from the person's (ignoring order). */
export function rolesChanged(before: readonly string[], after: readonly string[]): boolean {
  return before.length !== after.length || before.some((role) => !after.includes(role));
}

/** The account events the page has words for; any other is shown by its code. */
export const KNOWN_EVENTS = [
  'user.create',
  'user.enroll_password',
  'user.enroll',
  'auth.login',
  'auth.password_change',
  'user.lockout',
  'user.lockout_release',
  'user.disable',
  'user.enable',
  'user.reset',
  'user.roles_change',
] as const;
export type KnownEvent = (typeof KNOWN_EVENTS)[number];

/** Refusal codes of a failed sign-in that the page has words for. */
export const KNOWN_LOGIN_FAILURES = [
  'INVALID_CREDENTIALS',
  'TOTP_INVALID',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'NOT_ENROLLED',
] as const;
export type LoginFailure = (typeof KNOWN_LOGIN_FAILURES)[number];

/** Who did it, as the admin reads it. */
export type EventActor =
  | { kind: 'you' }
  | { kind: 'person' }
  | { kind: 'colleague'; name: string | null }
  | { kind: 'operator' }
  | { kind: 'system' }
  | { kind: 'attempt' };

export interface EventLine {
  /** `event.<action>` when known (`event.auth.login` splits into success and failure), else null: show the code. */
  what: KnownEvent | 'auth.login_failure' | null;
  failure: LoginFailure | 'other' | null;
  /** For role changes: the roles before and after. */
  from: string[];
  to: string[];
  actor: EventActor;
}

const split = (value: unknown): string[] =>
  typeof value === 'string' && value !== '' ? value.split(',').filter(Boolean) : [];

/**
 * One audited event in the admin's words. A failed sign-in is recorded with the account as its actor, but it is
 * whoever typed the password: the page calls it an attempt, never something the person did.
 */
export function eventLineOf(event: AccountEvent, adminId: string | undefined): EventLine {
  const known = (KNOWN_EVENTS as readonly string[]).includes(event.action) ? (event.action as KnownEvent) : null;
  const failedLogin = event.action === 'auth.login' && event.outcome !== 'success';
  const failure = failedLogin
    ? (KNOWN_LOGIN_FAILURES as readonly string[]).includes(event.reason ?? '')
      ? (event.reason as LoginFailure)
      : 'other'
    : null;
  let actor: EventActor;
  if (failedLogin) actor = { kind: 'attempt' };
  else if (event.bySubject) actor = { kind: 'person' };
  else if (event.actorUserId && event.actorUserId === adminId) actor = { kind: 'you' };
  else if (event.actorUserId) actor = { kind: 'colleague', name: event.actorDisplayName };
  else if (event.actorRoles.includes('platform_operator')) actor = { kind: 'operator' };
  else actor = { kind: 'system' };
  return {
    what: failedLogin ? 'auth.login_failure' : known,
    failure,
    from: event.action === 'user.roles_change' ? split(event.details.from) : [],
    to: event.action === 'user.roles_change' ? split(event.details.to) : [],
    actor,
  };
}

/** For comfort only (the API decides): something@something.something, no spaces. */
export function emailLooksValid(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) && value.trim().length <= 254;
}

/**
 * What the API refuses in a display name (identity.dto: 1–100 characters once trimmed; no control characters, line
 * breaks or bidi overrides). Empty is fine: the name is optional.
 */
export function displayNameProblem(value: string): 'tooLong' | 'characters' | null {
  const name = value.trim();
  if (name === '') return null;
  if ([...name].length > 100) return 'tooLong';
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u.test(name)) return 'characters';
  return null;
}

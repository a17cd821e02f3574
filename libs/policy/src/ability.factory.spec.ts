import { subject } from '@casl/ability';
import { AbilityFactory } from './ability.factory';
import { Action } from './actions';
import { parseRoleBaseline, RoleBaselineError } from './role-baseline';
import { CONTENT_ROLES, Role } from './roles';

const ORG = '11111111-1111-4111-8111-111111111111';
const OTHER_ORG = '22222222-2222-4222-8222-222222222222';
const USER = '33333333-3333-4333-8333-333333333333';

describe('AbilityFactory (policies/roles.yaml)', () => {
  const factory = new AbilityFactory();
  const as = (...roles: Role[]) => factory.createFor({ userId: USER, orgId: ORG, roles });

  it('lets an org admin manage users of their own organization only', () => {
    const admin = as(Role.OrgAdmin);
    expect(admin.can(Action.Update, subject('User', { orgId: ORG, id: 'x' }))).toBe(true);
    expect(admin.can(Action.Update, subject('User', { orgId: OTHER_ORG, id: 'x' }))).toBe(false);
    expect(admin.can(Action.Create, 'User')).toBe(true);
  });

  it('lets platform operators manage organizations, but create no user and read no shared content', () => {
    const operator = as(Role.PlatformOperator);
    expect(operator.can(Action.Create, 'Organization')).toBe(true);
    expect(operator.can(Action.Update, subject('Organization', { id: OTHER_ORG }))).toBe(true);
    // Operators come from the command line only; the API creates no user for them (issue 12).
    expect(operator.can(Action.Create, 'User')).toBe(false);
    expect(operator.can(Action.Create, subject('User', { orgId: ORG }))).toBe(false);
    for (const content of ['Incident', 'Disclosure', 'Referral'] as const) {
      for (const action of [Action.Read, Action.List, Action.Export, Action.Create]) {
        expect(operator.can(action, content)).toBe(false);
        expect(operator.can(action, subject(content, { orgId: ORG, recipientOrgId: ORG, senderOrgId: ORG }))).toBe(
          false,
        );
      }
    }
  });

  it('names in CONTENT_ROLES exactly the roles whose baseline reads shared content (issue 12)', () => {
    const own = { orgId: ORG, recipientOrgId: ORG, senderOrgId: ORG };
    const readsContent = (role: Role) =>
      (['Incident', 'Disclosure', 'Referral'] as const).some((content) =>
        as(role).can(Action.Read, subject(content, { ...own })),
      );
    expect(Object.values(Role).filter(readsContent).sort()).toEqual([...CONTENT_ROLES].sort());
  });

  it('keeps board members away from content even when another of their roles grants it', () => {
    const both = as(Role.BoardMember, Role.OutreachWorker);
    expect(both.can(Action.Read, subject('Disclosure', { recipientOrgId: ORG }))).toBe(false);
    expect(both.can(Action.Read, subject('AuditEntry', { orgId: ORG }))).toBe(true);
  });

  it('gives every user their own profile and sessions, and nobody else’s', () => {
    const worker = as(Role.OutreachWorker);
    expect(worker.can(Action.Read, subject('User', { id: USER, orgId: ORG }))).toBe(true);
    expect(worker.can(Action.Read, subject('User', { id: 'someone-else', orgId: ORG }))).toBe(false);
    expect(worker.can(Action.Delete, subject('Session', { userId: USER }))).toBe(true);
    expect(worker.can(Action.Create, 'User')).toBe(false);
  });

  it('scopes a police liaison’s incidents to their organization', () => {
    const liaison = as(Role.PoliceLiaison);
    expect(liaison.can(Action.Read, subject('Incident', { orgId: ORG }))).toBe(true);
    expect(liaison.can(Action.Read, subject('Incident', { orgId: OTHER_ORG }))).toBe(false);
  });

  it('refuses a baseline with unknown roles, actions, subjects, keys or placeholders, naming each', () => {
    const doc = {
      version: 1,
      everyone: [{ can: ['read'], subject: 'User', conditions: { id: '$me' } }],
      roles: {
        ...Object.fromEntries(Object.values(Role).map((r) => [r, []])),
        org_admin: [{ can: ['obliterate'], subject: 'Planet', extra: true }],
        chief: [],
      },
    };
    let error: unknown;
    try {
      parseRoleBaseline(doc);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RoleBaselineError);
    const message = (error as Error).message;
    expect(message).toContain('unknown placeholder $me');
    expect(message).toContain('unknown action "obliterate"');
    expect(message).toContain('unknown subject "Planet"');
    expect(message).toContain('unknown key "extra"');
    expect(message).toContain('unknown role "chief"');
  });

  it('refuses a baseline that forgets a role', () => {
    expect(() => parseRoleBaseline({ version: 1, roles: { org_admin: [] } })).toThrow(
      /role "platform_operator" is missing/,
    );
  });
});

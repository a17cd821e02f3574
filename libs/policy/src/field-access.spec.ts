import { AbilityFactory } from './ability.factory';
import { Action } from './actions';
import { assertWritableFields, pickReadableFields } from './field-access';
import { parseRoleBaseline } from './role-baseline';
import { Role } from './roles';

const ORG = '00000000-0000-4000-8000-00000000000a';
const factory = new AbilityFactory();
const self = { id: 'u-1', orgId: ORG };

describe('field-level rules', () => {
  it('lets a user write their own password and nothing else of their record', () => {
    const liaison = factory.createFor({ userId: 'u-1', orgId: ORG, roles: [Role.PoliceLiaison] });
    expect(() => assertWritableFields(liaison, Action.Update, 'User', self, ['password'])).not.toThrow();
    expect(() => assertWritableFields(liaison, Action.Update, 'User', self, ['roles'])).toThrow(
      expect.objectContaining({ code: 'FIELD_NOT_PERMITTED', details: { fields: ['roles'] } }),
    );
  });

  it('lets an org admin write roles and status of their organization’s users, and their own password', () => {
    const admin = factory.createFor({ userId: 'u-2', orgId: ORG, roles: [Role.OrgAdmin] });
    expect(() => assertWritableFields(admin, Action.Update, 'User', self, ['roles', 'status'])).not.toThrow();
    expect(() =>
      assertWritableFields(admin, Action.Update, 'User', { id: 'u-2', orgId: ORG }, ['password']),
    ).not.toThrow();
    expect(() => assertWritableFields(admin, Action.Update, 'User', { id: 'u-9', orgId: 'other' }, ['roles'])).toThrow(
      expect.objectContaining({ code: 'FIELD_NOT_PERMITTED' }),
    );
  });

  it('serializes only readable fields', () => {
    const baseline = parseRoleBaseline({
      version: 1,
      everyone: [{ can: ['read'], subject: 'Report', fields: ['title', 'period'] }],
      roles: Object.fromEntries(Object.values(Role).map((r) => [r, []])),
    });
    const ability = new AbilityFactory(baseline).createFor({ userId: 'u', orgId: ORG, roles: [] });
    expect(pickReadableFields(ability, Action.Read, 'Report', {}, { title: 'T', period: 'P', secret: 'S' })).toEqual({
      title: 'T',
      period: 'P',
    });
  });

  it('refuses malformed field lists in the baseline', () => {
    const roles = Object.fromEntries(Object.values(Role).map((r) => [r, []]));
    expect(() =>
      parseRoleBaseline({ version: 1, everyone: [{ can: ['read'], subject: 'User', fields: [] }], roles }),
    ).toThrow(/fields must be a non-empty list/);
    expect(() =>
      parseRoleBaseline({ version: 1, everyone: [{ can: ['read'], subject: 'User', fields: ['a b'] }], roles }),
    ).toThrow(/fields must be a non-empty list/);
  });
});

import { Role } from '@accord/policy';
import { roleChange } from './role-change';

describe('role changes', () => {
  it('stores each role once, sorted', () => {
    const change = roleChange([], [Role.PoliceLiaison, Role.BoardMember, Role.PoliceLiaison], false);
    expect(change.roles).toEqual([Role.BoardMember, Role.PoliceLiaison]);
  });

  it('counts as granted only the content roles the user did not hold', () => {
    const change = roleChange([Role.ProgramManager], [Role.ProgramManager, Role.OutreachWorker, Role.OrgAdmin], false);
    expect(change.grantedContentRoles).toEqual([Role.OutreachWorker]);
    expect(change.selfGrant).toBe(false);
  });

  it('calls it a self-grant when an admin gives themselves a content role', () => {
    expect(roleChange([Role.OrgAdmin], [Role.OrgAdmin, Role.OutreachWorker], true).selfGrant).toBe(true);
    expect(roleChange([Role.OrgAdmin], [Role.OrgAdmin, Role.BoardMember], true).selfGrant).toBe(false);
  });

  it('flags an admin dropping their own admin role, and only their own', () => {
    expect(roleChange([Role.OrgAdmin], [Role.BoardMember], true).dropsOwnAdmin).toBe(true);
    expect(roleChange([Role.OrgAdmin], [Role.BoardMember], false).dropsOwnAdmin).toBe(false);
    expect(roleChange([Role.BoardMember], [Role.BoardMember], true).dropsOwnAdmin).toBe(false);
  });
});

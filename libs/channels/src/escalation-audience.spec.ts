import { OrgKind, Role, roleFitsOrgKind } from '@accord/policy';
import { escalationAudienceOf } from './escalation-audience';

describe('escalationAudienceOf', () => {
  it('escalates a police department’s overdue concern to its org admins, by e-mail only', () => {
    expect(escalationAudienceOf(OrgKind.Police)).toEqual({ role: Role.OrgAdmin, addToInbox: false });
  });

  it('escalates a partner program’s overdue alert to its program managers, into their inbox too', () => {
    for (const kind of [OrgKind.Community, OrgKind.Hospital, OrgKind.City])
      expect(escalationAudienceOf(kind)).toEqual({ role: Role.ProgramManager, addToInbox: true });
  });

  it('names, for every kind that can receive, a role that organization may hold', () => {
    for (const kind of Object.values(OrgKind)) {
      const audience = escalationAudienceOf(kind);
      if (kind === OrgKind.Platform) expect(audience).toBeNull();
      else expect(roleFitsOrgKind(audience!.role, kind)).toBe(true);
    }
  });
});

/** Kinds of organization that can be party to a partnership agreement. */
export enum OrgKind {
  Police = 'police',
  Community = 'community',
  Hospital = 'hospital',
  City = 'city',
  /** The operator of the Accord installation itself; never party to an agreement. */
  Platform = 'platform',
}

export enum Role {
  OrgAdmin = 'org_admin',
  PoliceLiaison = 'police_liaison',
  ProgramManager = 'program_manager',
  OutreachWorker = 'outreach_worker',
  BoardMember = 'board_member',
  PlatformOperator = 'platform_operator',
}

/** Which roles an organization of each kind may hand out; anything else is refused. */
export const ROLES_BY_ORG_KIND: Record<OrgKind, readonly Role[]> = {
  [OrgKind.Police]: [Role.OrgAdmin, Role.PoliceLiaison, Role.BoardMember],
  [OrgKind.Community]: [Role.OrgAdmin, Role.ProgramManager, Role.OutreachWorker, Role.BoardMember],
  [OrgKind.Hospital]: [Role.OrgAdmin, Role.ProgramManager, Role.OutreachWorker, Role.BoardMember],
  [OrgKind.City]: [Role.OrgAdmin, Role.ProgramManager, Role.OutreachWorker, Role.BoardMember],
  [OrgKind.Platform]: [Role.PlatformOperator],
};

export function roleFitsOrgKind(role: Role, kind: OrgKind): boolean {
  return ROLES_BY_ORG_KIND[kind].includes(role);
}

/**
 * Roles whose baseline reads what partners share (incidents, disclosures, referrals). An admin who
 * gives one to themselves gains access to content; that takes a second admin, or, where there is
 * none, is announced to the partners and flagged on the board report (issue 12). A test checks
 * this list against the baseline in policies/roles.yaml.
 */
export const CONTENT_ROLES: readonly Role[] = [Role.PoliceLiaison, Role.ProgramManager, Role.OutreachWorker];

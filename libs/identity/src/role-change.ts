import { CONTENT_ROLES, Role } from '@accord/policy';

export interface RoleChange {
  /** The roles the user will hold: each once, sorted (the stored form). */
  roles: Role[];
  /** Content roles (they read what partners share) the user did not hold before. */
  grantedContentRoles: Role[];
  /** The user gives themselves a content role: a takeover path unless a second admin gives it. */
  selfGrant: boolean;
  /** An admin taking their own admin role away, which would leave nobody to undo it. */
  dropsOwnAdmin: boolean;
}

/** What setting `requested` on a user who holds `current` changes; `self` when the caller is that user. */
export function roleChange(current: readonly Role[], requested: readonly Role[], self: boolean): RoleChange {
  const roles = [...new Set(requested)].sort();
  const grantedContentRoles = roles.filter((role) => CONTENT_ROLES.includes(role) && !current.includes(role));
  return {
    roles,
    grantedContentRoles,
    selfGrant: self && grantedContentRoles.length > 0,
    dropsOwnAdmin: self && current.includes(Role.OrgAdmin) && !roles.includes(Role.OrgAdmin),
  };
}

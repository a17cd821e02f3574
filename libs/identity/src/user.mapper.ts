import { type OrgKind, ROLES_BY_ORG_KIND } from '@accord/policy';
import type { Organization } from './organization.entity';
import type { User } from './user.entity';

export interface UserView {
  id: string;
  orgId: string;
  email: string;
  displayName: string | null;
  roles: string[];
  status: string;
  locked: boolean;
  createdAt: string;
}

export interface OrganizationView {
  id: string;
  name: string;
  kind: string;
  /** The roles its kind may hand out, so a client offers only those. */
  roles: string[];
  createdAt: string;
}

/** Exactly what a caller may see of a user: never hashes, seeds, counters or demo flags. */
export function toUserView(user: User): UserView {
  return {
    id: user.id,
    orgId: user.orgId,
    email: user.email,
    displayName: user.displayName,
    roles: [...user.roles],
    status: user.status,
    locked: user.lockedAt !== null,
    createdAt: user.createdAt.toISOString(),
  };
}

/** What a program manager sees of a worker they may assign: a name and roles, nothing more of the users table. */
export interface WorkerView {
  id: string;
  displayName: string | null;
  roles: string[];
}

export function toWorkerView(user: User): WorkerView {
  return { id: user.id, displayName: user.displayName, roles: [...user.roles] };
}

export function toOrganizationView(org: Organization): OrganizationView {
  return {
    id: org.id,
    name: org.name,
    kind: org.kind,
    roles: [...(ROLES_BY_ORG_KIND[org.kind as OrgKind] ?? [])],
    createdAt: org.createdAt.toISOString(),
  };
}

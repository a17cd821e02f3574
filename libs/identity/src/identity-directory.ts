import { type EntityManager, In } from 'typeorm';
import type { OrgKind, Role } from '@accord/policy';
import { Organization } from './organization.entity';
import { User, UserStatus } from './user.entity';

/**
 * The reads of identity's tables that other libs need (an agreement's counterpart, a flow's
 * audience, an assignee, the names on a preview), in the caller's transaction so they see what it
 * sees. Identity owns `organizations` and `users`; other libs ask here instead of importing its
 * entities. No authorization of their own: each caller has already authorized the action these
 * facts serve, and none returns anything personal beyond ids, roles, status and organization names.
 */
export interface DirectoryUser {
  id: string;
  orgId: string;
  roles: Role[];
  status: UserStatus;
}

export async function organizationKind(tx: EntityManager, orgId: string): Promise<OrgKind | null> {
  return (await tx.findOne(Organization, { where: { id: orgId }, select: { id: true, kind: true } }))?.kind ?? null;
}

export async function organizationNames(tx: EntityManager, orgIds: readonly string[]): Promise<Map<string, string>> {
  if (orgIds.length === 0) return new Map();
  const orgs = await tx.find(Organization, { where: { id: In([...orgIds]) }, select: { id: true, name: true } });
  return new Map(orgs.map((o) => [o.id, o.name]));
}

export async function usersByIds(tx: EntityManager, userIds: readonly string[]): Promise<DirectoryUser[]> {
  if (userIds.length === 0) return [];
  return tx.find(User, {
    where: { id: In([...userIds]) },
    select: { id: true, orgId: true, roles: true, status: true },
  });
}

/** Active users of an organization holding at least one of the roles (a flow's audience). */
export async function activeUserIds(tx: EntityManager, orgId: string, anyOf: readonly string[]): Promise<string[]> {
  if (anyOf.length === 0) return [];
  const users = await tx
    .createQueryBuilder(User, 'u')
    .select('u.id')
    .where('u.org_id = :org AND u.status = :active AND u.roles && :roles', {
      org: orgId,
      active: UserStatus.Active,
      roles: [...anyOf],
    })
    .getMany();
  return users.map((u) => u.id);
}

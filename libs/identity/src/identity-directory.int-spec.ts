import { DataSource } from 'typeorm';
import { OrgKind, Role } from '@accord/policy';
import { accordDataSourceOptions } from '@accord/schema';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import { activeUserIds, organizationKind, organizationNames, usersByIds } from './identity-directory';
import { Organization } from './organization.entity';
import { User, UserStatus } from './user.entity';

describe('identity directory (what other libs may read of organizations and users)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let police: Organization;
  const users: Record<string, User> = {};

  beforeAll(async () => {
    db = await createTestDatabase('identitydir');
    ds = new DataSource(accordDataSourceOptions({ url: db.ownerUrl }));
    await ds.initialize();
    police = await ds.getRepository(Organization).save({ name: 'Eastside PD', kind: OrgKind.Police });
    const add = async (key: string, roles: Role[], status: UserStatus) => {
      users[key] = await ds.getRepository(User).save({
        orgId: police.id,
        email: `${key}@eastside.test`,
        roles,
        status,
        ...(status === UserStatus.Active ? { passwordHash: 'x', totpSecret: 'x' } : {}),
      });
    };
    await add('liaison', [Role.PoliceLiaison], UserStatus.Active);
    await add('admin', [Role.OrgAdmin, Role.BoardMember], UserStatus.Active);
    await add('gone', [Role.PoliceLiaison], UserStatus.Disabled);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('answers an organization’s kind, and null for an unknown id', async () => {
    expect(await organizationKind(ds.manager, police.id)).toBe(OrgKind.Police);
    expect(await organizationKind(ds.manager, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('names organizations by id', async () => {
    expect(await organizationNames(ds.manager, [police.id])).toEqual(new Map([[police.id, 'Eastside PD']]));
    expect(await organizationNames(ds.manager, [])).toEqual(new Map());
  });

  it('gives ids, organization, roles and status of users, nothing personal', async () => {
    const [found] = await usersByIds(ds.manager, [users.admin!.id]);
    expect(found).toEqual({
      id: users.admin!.id,
      orgId: police.id,
      roles: [Role.OrgAdmin, Role.BoardMember],
      status: UserStatus.Active,
    });
  });

  it('lists the active users holding any of the roles (a flow’s audience), never a disabled one', async () => {
    expect(await activeUserIds(ds.manager, police.id, [Role.PoliceLiaison])).toEqual([users.liaison!.id]);
    expect((await activeUserIds(ds.manager, police.id, [Role.PoliceLiaison, Role.BoardMember])).sort()).toEqual(
      [users.liaison!.id, users.admin!.id].sort(),
    );
    expect(await activeUserIds(ds.manager, police.id, [])).toEqual([]);
  });
});

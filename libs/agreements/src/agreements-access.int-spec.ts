import { subject } from '@casl/ability';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Organization } from '@accord/entities/identity';
import { AbilityFactory, accessibleBy, Action, OrgKind, Role, ROLES_BY_ORG_KIND } from '@accord/policy';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import { Agreement } from './agreement.entity';

const AGREEMENTS = 10_000;
const factory = new AbilityFactory();

/**
 * SQL filter ↔ can() parity on the real agreements table: for every role of every kind of
 * organization, the rows `accessibleBy` returns are exactly those `ability.can()` allows — no
 * more, no fewer — including the `cannot` rules of boards and operators.
 */
describe('agreements: SQL filter matches can() for every role (10,000 seeded agreements)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let orgs: Organization[];
  let all: Agreement[];

  beforeAll(async () => {
    db = await createTestDatabase('agreementaccess');
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    const kinds = [
      OrgKind.Police,
      OrgKind.Police,
      OrgKind.Police,
      OrgKind.Community,
      OrgKind.Community,
      OrgKind.Hospital,
      OrgKind.City,
      OrgKind.Platform,
    ];
    orgs = [];
    for (const [i, kind] of kinds.entries()) {
      const { rows } = await owner.query<{ id: string }>(
        `INSERT INTO organizations (name, kind) VALUES ($1, $2) RETURNING id`,
        [`Org ${i}`, kind],
      );
      orgs.push(Object.assign(new Organization(), { id: rows[0]!.id, name: `Org ${i}`, kind }));
    }
    const { rows: creator } = await owner.query<{ id: string }>(
      `INSERT INTO users (org_id, email, roles) VALUES ($1, 'seed@example.test', '{org_admin}') RETURNING id`,
      [orgs[0]!.id],
    );
    const police = orgs.filter((o) => o.kind === OrgKind.Police);
    const partners = orgs.filter((o) => [OrgKind.Community, OrgKind.Hospital, OrgKind.City].includes(o.kind));
    await owner.query(
      `INSERT INTO agreements (police_org_id, partner_org_id, party_org_ids, title, created_by)
       SELECT p.id, q.id, ARRAY[p.id, q.id], 'Agreement ' || g, $3
       FROM generate_series(1, $4::int) g
       JOIN LATERAL (SELECT id FROM unnest($1::uuid[]) WITH ORDINALITY u(id, n)
         WHERE n = 1 + (g % cardinality($1::uuid[]))) p ON true
       JOIN LATERAL (SELECT id FROM unnest($2::uuid[]) WITH ORDINALITY u(id, n)
         WHERE n = 1 + ((g / 3) % cardinality($2::uuid[]))) q ON true`,
      [police.map((o) => o.id), partners.map((o) => o.id), creator[0]!.id, AGREEMENTS],
    );
    await owner.end();
    ds = await db.connectApp(2);
    all = await ds.getRepository(Agreement).find();
    expect(all).toHaveLength(AGREEMENTS);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('returns exactly the allowed rows for every role and organization', async () => {
    let checked = 0;
    for (const org of orgs) {
      for (const role of ROLES_BY_ORG_KIND[org.kind]) {
        const ability = factory.createFor({
          userId: '00000000-0000-4000-8000-000000000001',
          orgId: org.id,
          roles: [role],
        });
        for (const action of [Action.List, Action.Read, Action.Approve]) {
          const qb = ds.createQueryBuilder(Agreement, 'a').select('a.id', 'id');
          qb.where(accessibleBy(ability, action, 'Agreement', qb));
          const sql = (await qb.getRawMany<{ id: string }>()).map((r) => r.id).sort();
          const js = all
            .filter((a) => ability.can(action, subject('Agreement', { ...a }) as never))
            .map((a) => a.id)
            .sort();
          expect({ org: org.name, role, action, ids: sql }).toEqual({ org: org.name, role, action, ids: js });
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('gives platform operators no agreement at all (fails closed in SQL)', async () => {
    const operatorOrg = orgs.find((o) => o.kind === OrgKind.Platform)!;
    const ability = factory.createFor({
      userId: '00000000-0000-4000-8000-000000000001',
      orgId: operatorOrg.id,
      roles: [Role.PlatformOperator],
    });
    const qb = ds.createQueryBuilder(Agreement, 'a');
    expect(await qb.where(accessibleBy(ability, Action.List, 'Agreement', qb)).getCount()).toBe(0);
  });
});

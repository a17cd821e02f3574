import { createMongoAbility, subject, type RawRuleOf, type MongoAbility } from '@casl/ability';
import fc from 'fast-check';
import { Client } from 'pg';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import { accessibleBy } from './accessible-by';

/**
 * A stand-in shared-record table with the kinds of columns policy rules test: org, agreement, status, flags, numbers,
 * arrays.
 */
@Entity({ name: 'access_probes' })
class AccessProbe {
  @PrimaryColumn({ type: 'int' }) id!: number;
  @Column({ name: 'org_id', type: 'text' }) orgId!: string;
  @Column({ name: 'agreement_id', type: 'text', nullable: true }) agreementId!: string | null;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'boolean', nullable: true }) purged!: boolean | null;
  @Column({ type: 'int' }) score!: number;
  @Column({ name: 'audience', type: 'text', array: true }) audience!: string[];
}

const ORGS = ['o1', 'o2', 'o3', 'o4', 'o5'];
const AGREEMENTS = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', null];
const STATUSES = ['sent', 'accepted', 'declined', 'closed'];
const ROLES = ['outreach_worker', 'program_manager', 'police_liaison'];
const ROWS = 10_000;

type ProbeAbility = MongoAbility<[string, 'AccessProbe' | AccessProbe]>;

// Built with .map so conditions are plain objects (fc.record makes null-prototype ones).
const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const some = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });
const conditionArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  pick(ORGS).map((v) => ({ orgId: v })),
  some(ORGS).map((v) => ({ orgId: { $in: v } })),
  pick(AGREEMENTS).map((v) => ({ agreementId: v })),
  some(AGREEMENTS).map((v) => ({ agreementId: { $in: v } })),
  some(AGREEMENTS).map((v) => ({ agreementId: { $nin: v } })),
  pick(STATUSES).map((v) => ({ status: { $ne: v } })),
  pick([true, false, null]).map((v) => ({ purged: v })),
  pick([true, false]).map((v) => ({ purged: { $ne: v } })),
  fc.integer({ min: 0, max: 100 }).map((v) => ({ score: { $gte: v } })),
  fc.integer({ min: 0, max: 100 }).map((v) => ({ score: { $lt: v } })),
  pick(ROLES).map((v) => ({ audience: v })),
  fc.tuple(pick(ORGS), pick(STATUSES)).map(([orgId, status]) => ({ orgId, status })),
);

const ruleArb: fc.Arbitrary<RawRuleOf<ProbeAbility>> = fc
  .tuple(pick(['read', 'list']), fc.boolean(), fc.option(conditionArb, { nil: undefined }))
  .map(([action, inverted, conditions]) => ({
    action,
    subject: 'AccessProbe' as const,
    inverted,
    ...(conditions ? { conditions } : {}),
  }));

describe('accessibleBy (CASL rules → SQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let rows: AccessProbe[];

  beforeAll(async () => {
    db = await createTestDatabase('accessibleby');
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    await owner.query(
      `CREATE TABLE access_probes (id int PRIMARY KEY, org_id text NOT NULL, agreement_id text, status text NOT NULL,
        purged boolean, score int NOT NULL, audience text[] NOT NULL)`,
    );
    // Deterministic pseudo-random seed data, so a failure reproduces.
    let x = 12345;
    const next = (n: number) => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x % n;
    };
    rows = Array.from({ length: ROWS }, (_, i) => {
      const row = new AccessProbe();
      Object.assign(row, {
        id: i + 1,
        orgId: ORGS[next(ORGS.length)]!,
        agreementId: AGREEMENTS[next(AGREEMENTS.length)]!,
        status: STATUSES[next(STATUSES.length)]!,
        purged: [true, false, null][next(3)]!,
        score: next(101),
        audience: ROLES.filter(() => next(2) === 1),
      });
      return row;
    });
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const values = chunk
        .map(
          (_, j) =>
            `($${j * 7 + 1},$${j * 7 + 2},$${j * 7 + 3},$${j * 7 + 4},$${j * 7 + 5},$${j * 7 + 6},$${j * 7 + 7})`,
        )
        .join(',');
      await owner.query(
        `INSERT INTO access_probes VALUES ${values}`,
        chunk.flatMap((r) => [r.id, r.orgId, r.agreementId, r.status, r.purged, r.score, r.audience]),
      );
    }
    await owner.end();
    dataSource = new DataSource({ type: 'postgres', url: db.ownerUrl, entities: [AccessProbe], synchronize: false });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  async function sqlIds(ability: ProbeAbility, action: string): Promise<number[]> {
    const qb = dataSource.getRepository(AccessProbe).createQueryBuilder('p').select('p.id', 'id');
    qb.where('TRUE').andWhere(accessibleBy(ability, action, 'AccessProbe', qb));
    const found = await qb.orderBy('p.id').getRawMany<{ id: number }>();
    return found.map((r) => r.id);
  }

  function canIds(ability: ProbeAbility, action: string): number[] {
    return rows
      .filter((r) => ability.can(action, subject('AccessProbe', { ...r }) as unknown as AccessProbe))
      .map((r) => r.id);
  }

  it('returns exactly the rows can() allows, for random rule sets including cannot rules and rule order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(ruleArb, { minLength: 0, maxLength: 6 }),
        fc.constantFrom('read', 'list'),
        async (rules, action) => {
          const ability = createMongoAbility<ProbeAbility>(rules);
          expect(await sqlIds(ability, action)).toEqual(canIds(ability, action));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('fails closed: no rule for the action gives no rows', async () => {
    const ability = createMongoAbility<ProbeAbility>([{ action: 'read', subject: 'AccessProbe' }]);
    expect(await sqlIds(ability, 'list')).toEqual([]);
  });

  it('uses parameter names of its own per call, so two filters on one query do not collide', async () => {
    const byOrg = createMongoAbility<ProbeAbility>([
      { action: 'read', subject: 'AccessProbe', conditions: { orgId: 'o1' } },
    ]);
    const byStatus = createMongoAbility<ProbeAbility>([
      { action: 'read', subject: 'AccessProbe', conditions: { status: 'sent' } },
    ]);
    const qb = dataSource.getRepository(AccessProbe).createQueryBuilder('p').select('p.id', 'id');
    qb.where('TRUE')
      .andWhere(accessibleBy(byOrg, 'read', 'AccessProbe', qb))
      .andWhere(accessibleBy(byStatus, 'read', 'AccessProbe', qb));
    const ids = (await qb.orderBy('p.id').getRawMany<{ id: number }>()).map((r) => r.id);
    expect(ids).toEqual(rows.filter((r) => r.orgId === 'o1' && r.status === 'sent').map((r) => r.id));
    expect(ids.length).toBeGreaterThan(0);
  });
});

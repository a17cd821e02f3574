import { randomUUID } from 'node:crypto';
import { createMongoAbility, subject } from '@casl/ability';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import {
  AbilityFactory,
  accessibleBy,
  Action,
  type AgreementGrant,
  type AppAbility,
  type Flow,
  narrowByAgreements,
  OrgKind,
  Role,
} from '@accord/policy';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import { Referral } from './referral.entity';

const flow = (category: Flow['category'], from: 'police' | 'partner', audience: string[]): Flow => ({
  id: `${category}-flow`,
  category,
  from,
  to: from === 'police' ? 'partner' : 'police',
  audience,
  fields: category === 'referral' ? { name: 'include' } : { status: 'coarse' },
  retentionDays: 30,
});

/**
 * docs/security.md, "Authorization": the SQL filter returns exactly the rows can() allows, no more, no fewer — here on
 * the real `referrals` table with the real role baseline narrowed by agreements (who sent, who
 * received, which agreement is active, who is in the flow's audience).
 */
describe('referrals: accessibleBy in SQL = can() on seeded rows', () => {
  let db: TestDatabase;
  let app: DataSource;
  const police = [randomUUID(), randomUUID()];
  const partners = [randomUUID(), randomUUID(), randomUUID()];
  const agreements: { id: string; police: string; partner: string }[] = [];
  let grants: AgreementGrant[];

  beforeAll(async () => {
    db = await createTestDatabase('referralaccess');
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    for (const id of police)
      await owner.query(`INSERT INTO organizations (id, name, kind) VALUES ($1, $2, 'police')`, [
        id,
        `PD ${id.slice(0, 4)}`,
      ]);
    for (const id of partners)
      await owner.query(`INSERT INTO organizations (id, name, kind) VALUES ($1, $2, 'community')`, [
        id,
        `CVI ${id.slice(0, 4)}`,
      ]);
    const creator = randomUUID();
    await owner.query(
      `INSERT INTO users (id, org_id, email, roles) VALUES ($1, $2, 'creator@pd.test', '{police_liaison}')`,
      [creator, police[0]],
    );
    for (const p of police) {
      for (const q of partners) {
        const id = randomUUID();
        agreements.push({ id, police: p, partner: q });
        await owner.query(
          `INSERT INTO agreements (id, police_org_id, partner_org_id, party_org_ids, title, created_by) VALUES ($1, $2,
            $3, ARRAY[$2, $3]::uuid[], 'A', $4)`,
          [id, p, q, creator],
        );
      }
    }
    // 300 referrals over every (police, partner, agreement) pair, including rows whose agreement is not among the
    // caller's active ones.
    for (let i = 0; i < 300; i++) {
      const a = agreements[i % agreements.length]!;
      await owner.query(
        `INSERT INTO referrals (sender_org_id, recipient_org_id, agreement_id, agreement_version, flow_id, created_by,
          key_id, status) VALUES ($1, $2, $3, 1, 'referral-flow', $4, 'k', $5)`,
        [a.police, a.partner, a.id, creator, ['sent', 'accepted', 'assigned', 'closed'][i % 4]],
      );
    }
    await owner.end();
    // Active agreements: police[0] with partners 0 and 1 (partner 1 with outreach workers in the audience), police[1]
    // with partner 2 only via a status-only flow.
    const active = (p: number, q: number) =>
      agreements.find((a) => a.police === police[p] && a.partner === partners[q])!;
    grants = [
      {
        agreementId: active(0, 0).id,
        version: 1,
        policeOrgId: police[0]!,
        partnerOrgId: partners[0]!,
        flows: [flow('referral', 'police', ['program_manager'])],
      },
      {
        agreementId: active(0, 1).id,
        version: 1,
        policeOrgId: police[0]!,
        partnerOrgId: partners[1]!,
        flows: [
          flow('referral', 'police', ['program_manager', 'outreach_worker']),
          flow('referral_status', 'partner', ['police_liaison']),
        ],
      },
      {
        agreementId: active(1, 2).id,
        version: 1,
        policeOrgId: police[1]!,
        partnerOrgId: partners[2]!,
        flows: [flow('referral_status', 'partner', ['police_liaison'])],
      },
    ];
    app = await db.connectApp(2);
  }, 120_000);

  afterAll(async () => {
    await app?.destroy();
    await db?.drop();
  });

  const callers: { name: string; orgId: () => string; orgKind: OrgKind; roles: Role[] }[] = [
    { name: 'liaison of police 0', orgId: () => police[0]!, orgKind: OrgKind.Police, roles: [Role.PoliceLiaison] },
    {
      name: 'liaison of police 1 (no referral flow)',
      orgId: () => police[1]!,
      orgKind: OrgKind.Police,
      roles: [Role.PoliceLiaison],
    },
    {
      name: 'program manager of partner 0',
      orgId: () => partners[0]!,
      orgKind: OrgKind.Community,
      roles: [Role.ProgramManager],
    },
    {
      name: 'outreach worker of partner 0 (not in audience)',
      orgId: () => partners[0]!,
      orgKind: OrgKind.Community,
      roles: [Role.OutreachWorker],
    },
    {
      name: 'outreach worker of partner 1 (in audience)',
      orgId: () => partners[1]!,
      orgKind: OrgKind.Community,
      roles: [Role.OutreachWorker],
    },
    {
      name: 'program manager of partner 2 (status-only agreement)',
      orgId: () => partners[2]!,
      orgKind: OrgKind.Community,
      roles: [Role.ProgramManager],
    },
    {
      name: 'board member of partner 1',
      orgId: () => partners[1]!,
      orgKind: OrgKind.Community,
      roles: [Role.BoardMember],
    },
  ];

  it.each(callers)('$name: the SQL filter and can() agree on every row, for read, list and update', async (caller) => {
    const owner = { userId: randomUUID(), orgId: caller.orgId(), orgKind: caller.orgKind, roles: caller.roles };
    const ability = createMongoAbility<AppAbility>(
      narrowByAgreements(new AbilityFactory().rulesFor(owner), owner, grants),
    );
    const all = await app.manager.find(Referral);
    expect(all).toHaveLength(300);
    for (const action of [Action.Read, Action.List, Action.Update]) {
      const qb = app.manager.createQueryBuilder(Referral, 'r');
      const inSql = (
        await qb
          .select('r.id')
          .where(accessibleBy(ability, action, 'Referral', qb))
          .getMany()
      )
        .map((r) => r.id)
        .sort();
      const byCan = all
        .filter((r) => ability.can(action, subject('Referral', { ...r }) as never))
        .map((r) => r.id)
        .sort();
      expect(inSql).toEqual(byCan);
    }
  });

  it('the expected callers see something and the others nothing (the comparison above is not vacuous)', async () => {
    const count = async (orgId: string, orgKind: OrgKind, roles: Role[]) => {
      const owner = { userId: randomUUID(), orgId, orgKind, roles };
      const ability = createMongoAbility<AppAbility>(
        narrowByAgreements(new AbilityFactory().rulesFor(owner), owner, grants),
      );
      const qb = app.manager.createQueryBuilder(Referral, 'r');
      return qb.where(accessibleBy(ability, Action.Read, 'Referral', qb)).getCount();
    };
    // Its two active agreements, 50 rows each.
    expect(await count(police[0]!, OrgKind.Police, [Role.PoliceLiaison])).toBe(100);
    expect(await count(partners[0]!, OrgKind.Community, [Role.ProgramManager])).toBe(50);
    expect(await count(partners[0]!, OrgKind.Community, [Role.OutreachWorker])).toBe(0);
    expect(await count(partners[1]!, OrgKind.Community, [Role.OutreachWorker])).toBe(50);
    expect(await count(police[1]!, OrgKind.Police, [Role.PoliceLiaison])).toBe(0);
    expect(await count(partners[2]!, OrgKind.Community, [Role.ProgramManager])).toBe(0);
    expect(await count(partners[1]!, OrgKind.Community, [Role.BoardMember])).toBe(0);
  });
});

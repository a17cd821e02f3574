import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { subject } from '@casl/ability';
import { Client } from 'pg';
import { Column, DataSource, Entity, Index, PrimaryColumn } from 'typeorm';
import {
  AbilityFactory,
  AbilityService,
  accessibleBy,
  type AgreementGrant,
  loadAgreementTemplates,
  OrgKind,
  Role,
} from '@accord/policy';
import { createTestDatabase } from '@accord/testing';

const AGREEMENTS = 50;
const ROWS = 1_000_000;

/**
 * Shaped like the disclosures the sharing issue stores (recipient, sender, agreement, category),
 * indexed the way list queries need. The disclosures table itself arrives with issue 5; until then
 * this bench table stands in for it and says so in the results.
 */
@Entity({ name: 'bench_disclosures' })
@Index('bench_disclosures_recipient_idx', ['recipientOrgId', 'agreementId', 'category', 'createdAt'])
class BenchDisclosure {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'recipient_org_id', type: 'uuid' }) recipientOrgId!: string;
  @Column({ name: 'sender_org_id', type: 'uuid' }) senderOrgId!: string;
  @Column({ name: 'agreement_id', type: 'uuid' }) agreementId!: string;
  @Column({ type: 'text' }) category!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

function time(iterations: number, work: (i: number) => void): { meanUs: number; perSecond: number } {
  for (let i = 0; i < Math.min(1000, iterations); i += 1) work(i); // warm-up
  const started = performance.now();
  for (let i = 0; i < iterations; i += 1) work(i);
  const ms = performance.now() - started;
  return { meanUs: (ms * 1000) / iterations, perSecond: Math.round(iterations / (ms / 1000)) };
}

async function timeQueries(runs: number, query: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await query();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await query();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(runs * 0.5)]!, p95: samples[Math.floor(runs * 0.95)]! };
}

export async function runPolicyBench(): Promise<void> {
  const partnerOrg = randomUUID();
  const templates = loadAgreementTemplates();
  const policeOrgs = Array.from({ length: AGREEMENTS }, () => randomUUID());
  const grants: AgreementGrant[] = policeOrgs.map((policeOrgId, i) => ({
    agreementId: randomUUID(),
    version: 1,
    policeOrgId,
    partnerOrgId: partnerOrg,
    flows: templates[i % templates.length]!.sharingParameters.flows,
  }));
  const owner = {
    userId: randomUUID(),
    orgId: partnerOrg,
    orgKind: OrgKind.Community,
    roles: [Role.OutreachWorker, Role.ProgramManager],
  };
  const factory = new AbilityFactory();

  const uncached = time(2_000, (i) => new AbilityService(factory).compile({ ...owner, userId: `u-${i}` }, grants));
  const service = new AbilityService(factory);
  service.compile(owner, grants);
  const cached = time(200_000, () => service.compile(owner, grants));
  const ability = service.compile(owner, grants);
  const instances = grants.map(
    (g, i) =>
      subject('Disclosure', {
        recipientOrgId: partnerOrg,
        senderOrgId: g.policeOrgId,
        agreementId: i % 5 === 0 ? randomUUID() : g.agreementId,
        category: 'incident_notification',
      }) as never,
  );
  const can = time(1_000_000, (i) => ability.can('read', instances[i % instances.length]!));
  const ruleCount = ability.rules.length;

  const db = await createTestDatabase('benchpolicy');
  let sql: { p50: number; p95: number };
  let ceiling: { p50: number; p95: number };
  let pageSql: { p50: number; p95: number };
  try {
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    await owner.query(
      `CREATE TABLE bench_disclosures (id uuid PRIMARY KEY, recipient_org_id uuid NOT NULL,
        sender_org_id uuid NOT NULL, agreement_id uuid NOT NULL, category text NOT NULL,
        created_at timestamptz NOT NULL)`,
    );
    // 1 M rows: 10 % to our partner across its 50 agreements (plus agreements it is not party to), the rest to 99 other
    // organizations.
    const others = Array.from({ length: 99 }, () => randomUUID());
    await owner.query(
      `INSERT INTO bench_disclosures
       SELECT gen_random_uuid(),
              CASE WHEN g % 10 = 0 THEN $1::uuid ELSE ($2::uuid[])[1 + g % 99] END,
              ($3::uuid[])[1 + g % 50],
              CASE WHEN g % 10 = 0 AND g % 7 <> 0 THEN ($4::uuid[])[1 + (g / 10) % 50] ELSE gen_random_uuid() END,
              (ARRAY['incident_notification','community_concern','referral_status'])[1 + g % 3],
              now() - (g || ' seconds')::interval
       FROM generate_series(1, $5::int) g`,
      [partnerOrg, others, policeOrgs, grants.map((g) => g.agreementId), ROWS],
    );
    await owner.query(
      `CREATE INDEX bench_disclosures_recipient_idx ON bench_disclosures (recipient_org_id, agreement_id, category,
        created_at)`,
    );
    await owner.query(`ANALYZE bench_disclosures`);
    await owner.end();
    const ds = new DataSource({ type: 'postgres', url: db.ownerUrl, entities: [BenchDisclosure] });
    await ds.initialize();
    const count = () => {
      const qb = ds.createQueryBuilder(BenchDisclosure, 'd');
      return qb.where(accessibleBy(ability, 'list', 'Disclosure', qb)).getCount();
    };
    const page = () => {
      const qb = ds.createQueryBuilder(BenchDisclosure, 'd').select('d.id');
      return qb
        .where(accessibleBy(ability, 'list', 'Disclosure', qb))
        .orderBy('d.created_at', 'DESC')
        .limit(50)
        .getRawMany();
    };
    const handWritten = () =>
      ds.query(
        `SELECT count(*) FROM bench_disclosures WHERE recipient_org_id = $1 AND agreement_id = ANY($2::uuid[])
          AND category = 'incident_notification'`,
        [partnerOrg, grants.map((g) => g.agreementId)],
      );
    sql = await timeQueries(30, count);
    pageSql = await timeQueries(30, page);
    ceiling = await timeQueries(30, handWritten);
    await ds.destroy();
  } finally {
    await db.drop();
  }

  console.table([
    {
      measure: `ability compile, uncached (${AGREEMENTS} agreements, ${ruleCount} rules)`,
      value: `${uncached.meanUs.toFixed(1)} µs`,
      rate: `${uncached.perSecond}/s`,
    },
    { measure: 'ability lookup, cached', value: `${cached.meanUs.toFixed(2)} µs`, rate: `${cached.perSecond}/s` },
    { measure: 'can(read, Disclosure)', value: `${can.meanUs.toFixed(2)} µs`, rate: `${can.perSecond}/s` },
    {
      measure: `SQL filter, count over ${ROWS.toLocaleString('en')} rows`,
      value: `p50 ${sql.p50.toFixed(1)} ms / p95 ${sql.p95.toFixed(1)} ms`,
      rate: '',
    },
    {
      measure: 'SQL filter, first page of 50',
      value: `p50 ${pageSql.p50.toFixed(1)} ms / p95 ${pageSql.p95.toFixed(1)} ms`,
      rate: '',
    },
    {
      measure: 'ceiling: hand-written equivalent count',
      value: `p50 ${ceiling.p50.toFixed(1)} ms / p95 ${ceiling.p95.toFixed(1)} ms`,
      rate: '',
    },
  ]);
}

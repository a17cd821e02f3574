import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@accord/audit';
import { AppConfig } from '@accord/config';
import { inTransaction } from '@accord/database';
import { AbilityService, type AuthContext, OrgKind, Role } from '@accord/policy';
import { totpContext } from './auth.service';
import { base32Encode } from './base32';
import { Clock } from './clock';
import { recordIdentityEvent } from './identity-audit';
import { Organization } from './organization.entity';
import { PasswordHasher } from './password-hasher.service';
import { SecretBox } from './secret-box';
import { totpCodeAt } from './totp';
import { User, UserStatus } from './user.entity';

/**
 * The demo city exists only on the embedded database outside tests (production refuses an embedded
 * database): it is seeded there, and only there does the sign-in page list its accounts.
 */
export function isDemoCity(config: Pick<AppConfig, 'isEmbeddedDatabase' | 'nodeEnv'>): boolean {
  return config.isEmbeddedDatabase && config.nodeEnv !== 'test';
}

/** The one password of every demo account. Demo data exists only in embedded mode. */
export const DEMO_PASSWORD = 'riverton-demo-passphrase';

interface DemoOrganization {
  name: string;
  kind: OrgKind;
  domain: string;
  /** One person per role; the names are invented. */
  people: { role: Role; displayName: string }[];
}

export const DEMO_POLICE_DOMAIN = 'police.riverton.demo';
export const DEMO_OUTREACH_DOMAIN = 'outreach.riverton.demo';
export const DEMO_HOSPITAL_DOMAIN = 'hvip.riverton.demo';

const partnerPeople = (admin: string, manager: string, worker: string, board: string) => [
  { role: Role.OrgAdmin, displayName: admin },
  { role: Role.ProgramManager, displayName: manager },
  { role: Role.OutreachWorker, displayName: worker },
  { role: Role.BoardMember, displayName: board },
];

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    name: 'Riverton Police Department',
    kind: OrgKind.Police,
    domain: DEMO_POLICE_DOMAIN,
    people: [
      { role: Role.OrgAdmin, displayName: 'Dana Whitaker' },
      { role: Role.PoliceLiaison, displayName: 'Sgt. Luis Ortega' },
      { role: Role.BoardMember, displayName: 'Cmdr. Janet Price' },
    ],
  },
  {
    name: 'Riverton Street Outreach',
    kind: OrgKind.Community,
    domain: DEMO_OUTREACH_DOMAIN,
    people: partnerPeople('Keisha Morgan', 'Andre Simmons', 'Marcus Reyes', 'Pastor Ruth Gaines'),
  },
  {
    name: 'Riverton General Hospital Violence Intervention Program',
    kind: OrgKind.Hospital,
    domain: DEMO_HOSPITAL_DOMAIN,
    people: partnerPeople('Dr. Priya Nair', 'Lena Park', 'Tariq Hollis', 'Gloria Banks'),
  },
  {
    name: 'Riverton Office of Violence Prevention',
    kind: OrgKind.City,
    domain: 'ovp.riverton.demo',
    people: partnerPeople('Samuel Ortiz', 'Jade Thompson', 'Eli Carter', 'Rev. Howard Lee'),
  },
  {
    name: 'Accord platform',
    kind: OrgKind.Platform,
    domain: 'platform.riverton.demo',
    people: [{ role: Role.PlatformOperator, displayName: 'Accord Operator' }],
  },
];

/** `org_admin` at `police.riverton.demo` → `org-admin@police.riverton.demo`. */
export function demoEmail(role: Role, domain: string): string {
  return `${role.replace(/_/g, '-')}@${domain}`;
}

export function demoAccounts(): { email: string; role: Role; displayName: string; org: DemoOrganization }[] {
  return DEMO_ORGANIZATIONS.flatMap((org) =>
    org.people.map(({ role, displayName }) => ({ email: demoEmail(role, org.domain), role, displayName, org })),
  );
}

export type DemoJourneyKey = 'police-liaison' | 'outreach-worker' | 'program-manager' | 'org-admin' | 'board-member';

export interface DemoJourneyAccount {
  email: string;
  role: Role;
  organization: string;
}

export interface DemoJourney {
  key: DemoJourneyKey;
  /** In English, for the banner and the command line; a web page translates by `key`. */
  summary: string;
  accounts: DemoJourneyAccount[];
}

/** Each journey's people, all in the police ↔ street-outreach partnership (two-way, with referrals). */
const DEMO_JOURNEYS: { key: DemoJourneyKey; summary: string; people: [Role, string][] }[] = [
  {
    key: 'police-liaison',
    summary: 'Send a shooting notification or a referral',
    people: [[Role.PoliceLiaison, DEMO_POLICE_DOMAIN]],
  },
  {
    key: 'outreach-worker',
    summary: 'Receive alerts and assigned referrals',
    people: [[Role.OutreachWorker, DEMO_OUTREACH_DOMAIN]],
  },
  {
    key: 'program-manager',
    summary: 'Triage referrals and assign them to a worker',
    people: [[Role.ProgramManager, DEMO_OUTREACH_DOMAIN]],
  },
  {
    key: 'org-admin',
    summary: 'Manage agreements and people',
    people: [
      [Role.OrgAdmin, DEMO_POLICE_DOMAIN],
      [Role.OrgAdmin, DEMO_OUTREACH_DOMAIN],
    ],
  },
  {
    key: 'board-member',
    summary: 'Review the audit trail and reports (each side)',
    people: [
      [Role.BoardMember, DEMO_POLICE_DOMAIN],
      [Role.BoardMember, DEMO_OUTREACH_DOMAIN],
    ],
  },
];

/**
 * Who to log in as for each journey of the demo city: the one list behind the startup banner,
 * `npm run accord -- demo-accounts` and any demo page of the web app.
 */
export function demoJourneys(): DemoJourney[] {
  const byEmail = new Map(demoAccounts().map((account) => [account.email, account]));
  return DEMO_JOURNEYS.map(({ key, summary, people }) => ({
    key,
    summary,
    accounts: people.map(([role, domain]) => {
      const account = byEmail.get(demoEmail(role, domain))!;
      return { email: account.email, role, organization: account.org.name };
    }),
  }));
}

/** Fixed and public by design, so `npm run accord -- demo-code` can print a code without the database. */
export function demoTotpSecret(email: string): string {
  return base32Encode(createHash('sha256').update(`accord-demo-totp:${email}`).digest().subarray(0, 20));
}

/** The current code of a demo account, or null for any address that is not one. */
export function demoTotpCode(email: string, timeMs = Date.now()): string | null {
  const normalized = email.trim().toLowerCase();
  if (!demoAccounts().some((a) => a.email === normalized)) return null;
  return totpCodeAt(demoTotpSecret(normalized), timeMs);
}

/** The banner's lines: where to open the portal and who to log in as for each journey. */
export function demoLoginInstructions(openUrl: string): string[] {
  const journeys = demoJourneys();
  const width = Math.max(...journeys.map((j) => j.summary.length)) + 3;
  return [
    `  Demo city (embedded mode only): open ${openUrl} and log in as`,
    ...journeys.map((j) => `    ${j.summary.padEnd(width)}${j.accounts.map((a) => a.email).join(', ')}`),
    `    password: ${DEMO_PASSWORD}    second factor: npm run accord -- demo-code <email>`,
    `    every account: npm run accord -- demo-accounts`,
  ];
}

/** `npm run accord -- demo-accounts`: each journey's accounts, then every other demo account. */
export function demoAccountsListing(): string[] {
  const row = (a: { email: string; role: string; organization: string }) =>
    `    ${a.email.padEnd(40)} ${a.role.padEnd(18)} ${a.organization}`;
  const journeys = demoJourneys();
  const shown = new Set(journeys.flatMap((j) => j.accounts.map((a) => a.email)));
  const others = demoAccounts().filter((a) => !shown.has(a.email));
  return [
    ...journeys.flatMap((j) => [`${j.summary} (${j.key}):`, ...j.accounts.map(row)]),
    'Every other demo account:',
    ...others.map((a) => row({ ...a, organization: a.org.name })),
    '',
    `Password of every demo account: ${DEMO_PASSWORD}; code: npm run accord -- demo-code <email>`,
  ];
}

/**
 * Seeds the demo city at start in embedded mode: idempotent (existing organizations and users are
 * left as they are), audited, and never in an external database.
 */
@Injectable()
export class DemoCitySeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoCitySeeder.name);

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly abilities: AbilityService,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!isDemoCity(this.config)) return;
    const created = await this.seed();
    if (created > 0) this.logger.log({ event: 'demo_city_seeded', accounts: created });
  }

  async seed(): Promise<number> {
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    return inTransaction(this.dataSource, async (tx) => {
      // One seeder at a time, even with two processes starting together.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('accord-demo-city'))`);
      const created: User[] = [];
      for (const spec of DEMO_ORGANIZATIONS) {
        let org = await tx.getRepository(Organization).findOne({ where: { name: spec.name } });
        if (!org && spec.kind === OrgKind.Platform)
          org = await tx.getRepository(Organization).findOne({ where: { kind: OrgKind.Platform } });
        org ??= await tx
          .getRepository(Organization)
          .save(tx.getRepository(Organization).create({ name: spec.name, kind: spec.kind }));
        for (const { role, displayName } of spec.people) {
          const email = demoEmail(role, spec.domain);
          if (await tx.getRepository(User).exists({ where: { email } })) continue;
          const user = await tx.getRepository(User).save(
            tx.getRepository(User).create({
              orgId: org.id,
              email,
              displayName,
              roles: [role],
              status: UserStatus.Pending,
              isDemo: true,
              passwordHash,
            }),
          );
          await tx
            .getRepository(User)
            .update(
              { id: user.id },
              { status: UserStatus.Active, totpSecret: this.box.seal(demoTotpSecret(email), totpContext(user.id)) },
            );
          created.push(user);
        }
      }
      // Audit appends last: each takes the system stream's lock, held only until the commit.
      for (const user of created) {
        await recordIdentityEvent(
          this.audit,
          tx,
          {},
          {
            actor: {},
            action: 'user.create',
            subjectType: 'User',
            subjectId: user.id,
            outcome: 'success',
            reason: 'DEMO_SEED',
            details: { roles: user.roles.join(',') },
          },
        );
      }
      return created.length;
    });
  }

  /**
   * A demo person's context, for seeders that act through the services (and their audit) as that
   * person would: the same ability the authenticator would build for a fresh login.
   */
  async actAs(role: Role, domain: string): Promise<AuthContext> {
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ email: demoEmail(role, domain) });
    const org = await this.dataSource.getRepository(Organization).findOneByOrFail({ id: user.orgId });
    const orgKind = org.kind as OrgKind;
    return {
      userId: user.id,
      orgId: user.orgId,
      orgKind,
      roles: user.roles,
      sessionId: 'demo-seed',
      ability: await this.abilities.abilityFor({ userId: user.id, orgId: user.orgId, orgKind, roles: user.roles }),
      authenticatedAt: this.clock.now(),
    };
  }
}

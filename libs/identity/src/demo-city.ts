import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@accord/audit';
import { AppConfig } from '@accord/config';
import { inTransaction } from '@accord/database';
import { OrgKind, Role } from '@accord/policy';
import { totpContext } from './auth.service';
import { base32Encode } from './base32';
import { recordIdentityEvent } from './identity-audit';
import { Organization } from './organization.entity';
import { PasswordHasher } from './password-hasher.service';
import { SecretBox } from './secret-box';
import { totpCodeAt } from './totp';
import { User, UserStatus } from './user.entity';

/** The one password of every demo account. Demo data exists only in embedded mode. */
export const DEMO_PASSWORD = 'riverton-demo-passphrase';

interface DemoOrganization {
  name: string;
  kind: OrgKind;
  domain: string;
  roles: Role[];
}

const PARTNER_ROLES = [Role.OrgAdmin, Role.ProgramManager, Role.OutreachWorker, Role.BoardMember];

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { name: 'Riverton Police Department', kind: OrgKind.Police, domain: 'police.riverton.demo', roles: [Role.OrgAdmin, Role.PoliceLiaison, Role.BoardMember] },
  { name: 'Riverton Street Outreach', kind: OrgKind.Community, domain: 'outreach.riverton.demo', roles: PARTNER_ROLES },
  { name: 'Riverton General Hospital Violence Intervention Program', kind: OrgKind.Hospital, domain: 'hvip.riverton.demo', roles: PARTNER_ROLES },
  { name: 'Riverton Office of Violence Prevention', kind: OrgKind.City, domain: 'ovp.riverton.demo', roles: PARTNER_ROLES },
  { name: 'Accord platform', kind: OrgKind.Platform, domain: 'platform.riverton.demo', roles: [Role.PlatformOperator] },
];

/** `org_admin` at `police.riverton.demo` → `org-admin@police.riverton.demo`. */
export function demoEmail(role: Role, domain: string): string {
  return `${role.replace(/_/g, '-')}@${domain}`;
}

export function demoAccounts(): { email: string; role: Role; org: DemoOrganization }[] {
  return DEMO_ORGANIZATIONS.flatMap((org) => org.roles.map((role) => ({ email: demoEmail(role, org.domain), role, org })));
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

export function demoLoginInstructions(): string[] {
  return [
    `  Demo city (embedded mode only): log in as e.g. ${demoEmail(Role.PoliceLiaison, 'police.riverton.demo')} or ${demoEmail(Role.OutreachWorker, 'outreach.riverton.demo')}`,
    `    password: ${DEMO_PASSWORD}    second factor: npm run accord -- demo-code <email>`,
    `    every account: npm run accord -- demo-accounts`,
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
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.isEmbeddedDatabase || this.config.nodeEnv === 'test') return;
    const created = await this.seed();
    if (created > 0) this.logger.log({ event: 'demo_city_seeded', accounts: created });
  }

  async seed(): Promise<number> {
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    return inTransaction(this.dataSource, async (tx) => {
      // One seeder at a time, even with two processes starting together.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('accord-demo-city'))`);
      let created = 0;
      for (const spec of DEMO_ORGANIZATIONS) {
        let org = await tx.getRepository(Organization).findOne({ where: { name: spec.name } });
        if (!org && spec.kind === OrgKind.Platform) org = await tx.getRepository(Organization).findOne({ where: { kind: OrgKind.Platform } });
        org ??= await tx.getRepository(Organization).save(tx.getRepository(Organization).create({ name: spec.name, kind: spec.kind }));
        for (const role of spec.roles) {
          const email = demoEmail(role, spec.domain);
          if (await tx.getRepository(User).exists({ where: { email } })) continue;
          const user = await tx.getRepository(User).save(
            tx.getRepository(User).create({ orgId: org.id, email, roles: [role], status: UserStatus.Pending, isDemo: true, passwordHash }),
          );
          await tx.getRepository(User).update({ id: user.id }, { status: UserStatus.Active, totpSecret: this.box.seal(demoTotpSecret(email), totpContext(user.id)) });
          await recordIdentityEvent(this.audit, tx, {}, { actor: {}, action: 'user.create', subjectType: 'User', subjectId: user.id, outcome: 'success', reason: 'DEMO_SEED', details: { roles: role } });
          created++;
        }
      }
      return created;
    });
  }
}

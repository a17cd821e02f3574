import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import { DataSource } from 'typeorm';
import { AuditService } from '@accord/audit';
import { inTransaction } from '@accord/database';
import { DomainException, ErrorCode, notFound } from '@accord/http';
import { Action, type AuthContext, OrgKind, Role } from '@accord/policy';
import { actorOf, metaOf, normalizeEmail } from './auth.service';
import { recordIdentityEvent } from './identity-audit';
import { Organization } from './organization.entity';
import { toOrganizationView, type OrganizationView } from './user.mapper';
import { type CommandLineCaller, type InvitationSent, type InvitedUser, UsersService } from './users.service';

export const PLATFORM_ORGANIZATION_NAME = 'Accord platform';

/** The command line's answer: the first admin's link included. */
export interface CreatedOrganization {
  organization: OrganizationView;
  admin: InvitedUser;
}

/** The API's answer to a platform operator: the link went to the admin's own address (issue 12). */
export interface CreatedOrganizationSent {
  organization: OrganizationView;
  admin: InvitationSent;
}

function isCommandLine(caller: AuthContext | CommandLineCaller): caller is CommandLineCaller {
  return 'bypassAuthorization' in caller && caller.bypassAuthorization === 'command-line';
}

/** Platform operators create organizations with their first admin; nobody else may. */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async list(auth: AuthContext): Promise<OrganizationView[]> {
    if (!auth.ability.can(Action.List, 'Organization'))
      throw new DomainException(ErrorCode.Forbidden, 'Your role does not allow this');
    const orgs = await this.dataSource.getRepository(Organization).find({ order: { name: 'ASC' } });
    return orgs
      .filter((org) => auth.ability.can(Action.Read, subject('Organization', { id: org.id })))
      .map(toOrganizationView);
  }

  /** The caller's own organization (everyone may read theirs: policies/roles.yaml baseline). */
  async mine(auth: AuthContext): Promise<OrganizationView> {
    const org = await this.dataSource.getRepository(Organization).findOneBy({ id: auth.orgId });
    if (!org || !auth.ability.can(Action.Read, subject('Organization', { id: org.id }))) throw notFound('Organization');
    return toOrganizationView(org);
  }

  /**
   * From the command line, answers the first admin's link (printed in embedded mode, e-mailed
   * otherwise); from the API, e-mails it to the admin and answers without it, so the operator who
   * creates an organization can never enroll as its admin.
   */
  async create(
    caller: CommandLineCaller,
    input: { name: string; kind: OrgKind; adminEmail: string },
  ): Promise<CreatedOrganization>;
  async create(
    caller: AuthContext,
    input: { name: string; kind: OrgKind; adminEmail: string },
  ): Promise<CreatedOrganizationSent>;
  async create(
    caller: AuthContext | CommandLineCaller,
    input: { name: string; kind: OrgKind; adminEmail: string },
  ): Promise<CreatedOrganization | CreatedOrganizationSent> {
    const created = await this.insert(caller, input);
    if (isCommandLine(caller)) return created;
    return { organization: created.organization, admin: await this.users.deliver(created.admin) };
  }

  private async insert(
    caller: AuthContext | CommandLineCaller,
    input: { name: string; kind: OrgKind; adminEmail: string },
  ): Promise<CreatedOrganization> {
    if (!isCommandLine(caller) && !caller.ability.can(Action.Create, 'Organization'))
      throw new DomainException(ErrorCode.Forbidden, 'Only platform operators create organizations');
    if (input.kind === OrgKind.Platform)
      throw new DomainException(
        ErrorCode.ValidationFailed,
        'The platform organization is created with create-operator',
      );
    const meta = isCommandLine(caller) ? {} : metaOf(caller);
    const actor = isCommandLine(caller) ? {} : actorOf(caller);
    return inTransaction(this.dataSource, async (tx) => {
      if (await tx.getRepository(Organization).exists({ where: { name: input.name } }))
        throw new DomainException(ErrorCode.Conflict, 'An organization with this name already exists');
      const org = await tx
        .getRepository(Organization)
        .save(tx.getRepository(Organization).create({ name: input.name, kind: input.kind }));
      const admin = await this.users.insertPending(tx, org, normalizeEmail(input.adminEmail), [Role.OrgAdmin], actor);
      // Last, after every write: the entries record what was done (sealed into the system stream at commit).
      await recordIdentityEvent(this.audit, tx, meta, {
        actor,
        action: 'organization.create',
        subjectType: 'Organization',
        subjectId: org.id,
        outcome: 'success',
        details: { kind: org.kind },
      });
      await recordIdentityEvent(this.audit, tx, meta, admin.event);
      return { organization: toOrganizationView(org), admin: admin.invited };
    });
  }

  /** A platform operator account (command line only), in the platform organization made on first use. */
  async createOperator(_caller: CommandLineCaller, email: string): Promise<InvitedUser> {
    return inTransaction(this.dataSource, async (tx) => {
      let org = await tx.getRepository(Organization).findOne({ where: { kind: OrgKind.Platform } });
      const created = !org;
      org ??= await tx
        .getRepository(Organization)
        .save(tx.getRepository(Organization).create({ name: PLATFORM_ORGANIZATION_NAME, kind: OrgKind.Platform }));
      const operator = await this.users.insertPending(tx, org, normalizeEmail(email), [Role.PlatformOperator], {});
      // Last, after every write: the entries record what was done (sealed into the system stream at commit).
      if (created)
        await recordIdentityEvent(
          this.audit,
          tx,
          {},
          {
            actor: {},
            action: 'organization.create',
            subjectType: 'Organization',
            subjectId: org.id,
            outcome: 'success',
            details: { kind: org.kind },
          },
        );
      await recordIdentityEvent(this.audit, tx, {}, operator.event);
      return operator.invited;
    });
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { agreementStream, AuditService } from '@accord/audit';
import { DomainException, ErrorCode, notFound } from '@accord/http';
import { Clock } from '@accord/identity';
import { Action, type AuthContext } from '@accord/policy';
import { subject } from '@casl/ability';
import { Agreement } from './agreement.entity';
import { LegalHold, type LegalHoldReason } from './legal-hold.entity';

/** Legal holds on an agreement: set and lifted by an org admin of either party, each step audited. */
@Injectable()
export class LegalHoldsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async set(auth: AuthContext, agreementId: string, reason: LegalHoldReason): Promise<{ id: string; agreementId: string; reason: string; setAt: Date }> {
    return this.dataSource.transaction(async (tx) => {
      const agreement = await tx.findOneBy(Agreement, { id: agreementId });
      if (!agreement || !agreement.partyOrgIds.includes(auth.orgId)) throw notFound('Agreement');
      if (!auth.ability.can(Action.Approve, subject('Agreement', { ...agreement }) as never)) throw new DomainException(ErrorCode.Forbidden, 'Your role does not allow this');
      const hold = await tx.save(tx.create(LegalHold, { agreementId, reason, setBy: auth.userId, setAt: this.clock.now(), liftedAt: null, liftedBy: null }));
      await this.record(tx, auth, agreementId, hold.id, 'legal_hold.set', reason);
      return { id: hold.id, agreementId, reason, setAt: hold.setAt };
    });
  }

  async lift(auth: AuthContext, holdId: string): Promise<{ id: string; liftedAt: Date }> {
    return this.dataSource.transaction(async (tx) => {
      const hold = await tx.findOneBy(LegalHold, { id: holdId, liftedAt: IsNull() });
      const agreement = hold ? await tx.findOneBy(Agreement, { id: hold.agreementId }) : null;
      if (!hold || !agreement || !agreement.partyOrgIds.includes(auth.orgId)) throw notFound('Legal hold');
      if (!auth.ability.can(Action.Approve, subject('Agreement', { ...agreement }) as never)) throw new DomainException(ErrorCode.Forbidden, 'Your role does not allow this');
      hold.liftedAt = this.clock.now();
      hold.liftedBy = auth.userId;
      await tx.save(hold);
      await this.record(tx, auth, hold.agreementId, hold.id, 'legal_hold.lift', hold.reason);
      return { id: hold.id, liftedAt: hold.liftedAt };
    });
  }

  /** Agreements under an active hold: nothing shared under them may be purged. */
  async heldAgreementIds(tx: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await tx.find(LegalHold, { where: { liftedAt: IsNull() }, select: { agreementId: true } });
    return [...new Set(rows.map((r) => r.agreementId))];
  }

  private record(tx: EntityManager, auth: AuthContext, agreementId: string, holdId: string, action: string, reason: string) {
    return this.audit.record(tx, {
      stream: agreementStream(agreementId),
      actor: { userId: auth.userId, orgId: auth.orgId, roles: auth.roles },
      action,
      subjectType: 'LegalHold',
      subjectId: holdId,
      agreementId,
      outcome: 'success',
      reason: reason.toUpperCase(),
      requestId: auth.requestId ?? null,
      sourceIp: auth.sourceIp ?? null,
    });
  }
}

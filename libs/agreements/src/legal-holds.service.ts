import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { agreementStream, AuditService, auditCallerOf } from '@accord/audit';
import { inTransaction } from '@accord/database';
import { DomainException, ErrorCode, notFound } from '@accord/http';
import { Clock } from '@accord/identity';
import { Action, type AuthContext } from '@accord/policy';
import { AgreementsService } from './agreements.service';
import { LegalHold, type LegalHoldReason } from './legal-hold.entity';

/** Legal holds on an agreement: set and lifted by an org admin of either party, each step audited. */
@Injectable()
export class LegalHoldsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly agreements: AgreementsService,
    private readonly clock: Clock,
  ) {}

  async set(
    auth: AuthContext,
    agreementId: string,
    reason: LegalHoldReason,
  ): Promise<{ id: string; agreementId: string; reason: string; setAt: Date }> {
    return inTransaction(this.dataSource, async (tx) => {
      await this.agreements.loadForParty(tx, auth, agreementId, Action.Approve);
      const hold = await tx.save(
        tx.create(LegalHold, {
          agreementId,
          reason,
          setBy: auth.userId,
          setAt: this.clock.now(),
          liftedAt: null,
          liftedBy: null,
        }),
      );
      await this.record(tx, auth, agreementId, hold.id, 'legal_hold.set', reason);
      return { id: hold.id, agreementId, reason, setAt: hold.setAt };
    });
  }

  /**
   * The holds in place on an agreement, oldest first (what an org admin of either party may lift). Not who set them:
   * like approvals, a hold names the organization's act, not the person.
   */
  async listActive(
    auth: AuthContext,
    agreementId: string,
  ): Promise<{ id: string; agreementId: string; reason: string; setAt: Date }[]> {
    await this.agreements.loadForParty(this.dataSource.manager, auth, agreementId, Action.Approve);
    const holds = await this.dataSource.manager.find(LegalHold, {
      where: { agreementId, liftedAt: IsNull() },
      order: { setAt: 'ASC', id: 'ASC' },
    });
    return holds.map((h) => ({ id: h.id, agreementId: h.agreementId, reason: h.reason, setAt: h.setAt }));
  }

  async lift(auth: AuthContext, holdId: string): Promise<{ id: string; liftedAt: Date }> {
    return inTransaction(this.dataSource, async (tx) => {
      const hold = await tx.findOneBy(LegalHold, { id: holdId, liftedAt: IsNull() });
      if (!hold) throw notFound('Legal hold');
      // The same "not found" for a hold on someone else's agreement: its existence is private too.
      await this.agreements.loadForParty(tx, auth, hold.agreementId, Action.Approve).catch((error: unknown) => {
        throw error instanceof DomainException && error.code === ErrorCode.NotFound ? notFound('Legal hold') : error;
      });
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

  private record(
    tx: EntityManager,
    auth: AuthContext,
    agreementId: string,
    holdId: string,
    action: string,
    reason: string,
  ) {
    return this.audit.record(tx, {
      stream: agreementStream(agreementId),
      ...auditCallerOf(auth),
      action,
      subjectType: 'LegalHold',
      subjectId: holdId,
      agreementId,
      outcome: 'success',
      reason: reason.toUpperCase(),
    });
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { agreementStream, AuditService, auditCallerOf } from '@accord/audit';
import { inTransaction } from '@accord/database';
import { DomainException, ErrorCode } from '@accord/http';
import { Clock } from '@accord/identity';
import type { AuthContext } from '@accord/policy';
import { BoardService } from './board.service';
import { ReviewSignOff } from './review-sign-off.entity';

/** What both boards see of a sign-off: the period, the side that reviewed, when and the comments; never the person. */
export interface ReviewSignOffView {
  id: string;
  agreementId: string;
  from: string;
  to: string;
  orgId: string;
  comments: string | null;
  signedAt: string;
}

export interface SignOffInput {
  from: string;
  to: string;
  comments?: string | null;
}

const MAX_PERIOD_MS = 366 * 86_400_000;

function viewOf(row: ReviewSignOff): ReviewSignOffView {
  return {
    id: row.id,
    agreementId: row.agreementId,
    from: row.periodFrom.toISOString(),
    to: row.periodTo.toISOString(),
    orgId: row.orgId,
    comments: row.comments,
    signedAt: row.signedAt.toISOString(),
  };
}

/**
 * Review sign-off (docs/reports.md): a board member of the agreement records that the report for
 * a period was reviewed, with comments, audited (`report.sign_off`, the comments' length only, last
 * in the transaction). The boards of both parties see every sign-off; anyone else is told the
 * agreement does not exist, as for the rest of the board's workspace.
 */
@Injectable()
export class ReviewSignOffsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly board: BoardService,
    private readonly clock: Clock,
  ) {}

  async signOff(auth: AuthContext, agreementId: string, input: SignOffInput): Promise<ReviewSignOffView> {
    await this.board.assertBoardMember(auth, agreementId);
    const from = new Date(input.from);
    const to = new Date(input.to);
    if (!(from < to) || to.getTime() - from.getTime() > MAX_PERIOD_MS)
      throw new DomainException(
        ErrorCode.ValidationFailed,
        'The period must start before it ends and last at most a year',
        { fields: [{ path: 'to', problems: ['must be after from, within 366 days'] }] },
      );
    const comments = input.comments?.trim() ? input.comments.trim() : null;
    return inTransaction(this.dataSource, async (tx) => {
      const row = await tx.save(
        tx.create(ReviewSignOff, {
          agreementId,
          periodFrom: from,
          periodTo: to,
          orgId: auth.orgId,
          signedBy: auth.userId,
          comments,
          signedAt: this.clock.now(),
        }),
      );
      await this.audit.record(tx, {
        stream: agreementStream(agreementId),
        ...auditCallerOf(auth),
        action: 'report.sign_off',
        subjectType: 'Report',
        subjectId: row.id,
        agreementId,
        outcome: 'success',
        details: { from: from.toISOString(), to: to.toISOString(), commentChars: comments?.length ?? 0 },
      });
      return viewOf(row);
    });
  }

  /** Every sign-off of the agreement, newest first (board members of the agreement). */
  async list(auth: AuthContext, agreementId: string): Promise<{ items: ReviewSignOffView[] }> {
    await this.board.assertBoardMember(auth, agreementId);
    const rows = await this.dataSource.manager.find(ReviewSignOff, {
      where: { agreementId },
      order: { signedAt: 'DESC', id: 'DESC' },
    });
    return { items: rows.map(viewOf) };
  }

  /**
   * The latest sign-off, for the board report, which has already checked that the caller is on the
   * board (call it only after assertBoardMember).
   */
  async lastFor(agreementId: string): Promise<ReviewSignOffView | null> {
    const row = await this.dataSource.manager.findOne(ReviewSignOff, {
      where: { agreementId },
      order: { signedAt: 'DESC', id: 'DESC' },
    });
    return row ? viewOf(row) : null;
  }
}

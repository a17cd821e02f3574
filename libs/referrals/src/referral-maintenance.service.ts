import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { agreementStream, AuditService } from '@accord/audit';
import { inTransaction } from '@accord/database';
import { AgreementsService, LegalHoldsService } from '@accord/agreements';
import { Clock, SecretBox } from '@accord/identity';
import { JobHandler, JobName, RetryLaterError } from '@accord/jobs';
import { DisclosuresService } from '@accord/sharing';

/**
 * How soon a referral's copy purge runs again when the copy was held by someone else (a delivery
 * or an assignment of that copy in flight): such a hold lasts a transaction.
 */
export const COPY_PURGE_RETRY_MS = 250;

/**
 * Background work on referrals: purging a recipient's copy (consent withdrawn, retraction,
 * agreement terminated) and the records past retention. Idempotent, so a re-run job changes
 * nothing more. (Resealing after a key rotation is referral-resealing.ts.)
 */
@Injectable()
export class ReferralMaintenanceService {
  private readonly logger = new Logger('Referrals');

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly box: SecretBox,
    private readonly clock: Clock,
    private readonly holds: LegalHoldsService,
    private readonly disclosures: DisclosuresService,
    private readonly agreements: AgreementsService,
  ) {}

  /**
   * Right after a consent withdrawal or retraction: that referral's copy (the sweep would find it within the hour
   * anyway).
   */
  @JobHandler(JobName.PurgeReferralCopy)
  async purgeCopy(payload: { referralId: string }): Promise<void> {
    const { purged, due } = await this.sweepCopies(payload.referralId);
    // Passed over because a delivery or an assignment held the copy right then (SKIP LOCKED): the sweep would take
    // it within the hour, but the sender was told "at once", so this job comes back for it (without using an attempt).
    if (purged < due.length && (await this.disclosures.awaitingPurge(due)).length > 0)
      throw new RetryLaterError('the copy was held by another transaction', COPY_PURGE_RETRY_MS);
    this.logger.log({
      event: purged > 0 ? 'referral.copy.purged' : 'referral.copy.purge.skipped',
      referralId: payload.referralId,
    });
  }

  /**
   * Purges the partner's copy of every referral that may no longer be shared: consent withdrawn,
   * retracted, or its agreement terminated — except under a legal hold (the copy stays hidden;
   * it is purged by the first run after the hold is lifted). Hourly and idempotent; each purge is
   * audited on its agreement's stream with the reason.
   */
  @JobHandler(JobName.ReferralCopySweep)
  async run(): Promise<void> {
    const purged = await this.sweep();
    if (purged > 0) this.logger.log({ event: 'referral.copies.purged', count: purged });
    const expired = await this.purgeExpiredRecords();
    if (expired > 0) this.logger.log({ event: 'referral.records.purged', count: expired });
  }

  /**
   * Retention of the records themselves: once a referral's shared copy is past its agreed
   * retention, the police record loses its sealed personal fields and blind index, and the
   * partner's case notes their text — tombstones and audit stay. Legal holds pause it. The rows
   * take the current key id so a later re-encryption pass has nothing to open.
   */
  async purgeExpiredRecords(): Promise<number> {
    return inTransaction(this.dataSource, async (tx) => {
      const held = await this.holds.heldAgreementIds(tx);
      const now = this.clock.now();
      // Whether a copy is past its retention is sharing's to say (its table, its clock).
      const candidates = await tx.query<{ disclosure_id: string }[]>(
        `SELECT disclosure_id FROM referrals
         WHERE purged_at IS NULL AND disclosure_id IS NOT NULL AND NOT (agreement_id = ANY($1::uuid[]))`,
        [held],
      );
      const expired = await this.disclosures.pastRetentionAmong(
        tx,
        candidates.map((c) => c.disclosure_id),
      );
      const rows =
        expired.length === 0
          ? []
          : await tx.query<{ id: string; agreement_id: string; agreement_version: number }[]>(
              `WITH due AS (
           SELECT r.id FROM referrals r
           WHERE r.purged_at IS NULL AND r.disclosure_id = ANY($2::uuid[])
           FOR UPDATE OF r SKIP LOCKED),
         purged AS (
           UPDATE referrals SET name_sealed = NULL, contact_sealed = NULL, date_of_birth_sealed = NULL,
           age_sealed = NULL,
                  reason_sealed = NULL, risk_factors_sealed = NULL, person_index = NULL, key_id = $3, purged_at = $1
           FROM due WHERE referrals.id = due.id
           RETURNING referrals.id, referrals.agreement_id, referrals.agreement_version)
         SELECT * FROM purged ORDER BY agreement_id, id`,
              [now, expired, this.box.keyId],
            );
      // Every note first, in one statement; the audit entries after, as the transaction's last statements.
      const notes =
        rows.length === 0
          ? []
          : await tx.query<{ referral_id: string; count: string }[]>(
              `WITH purged AS (UPDATE referral_notes SET body_sealed = '', key_id = $3, purged_at = $2
                WHERE referral_id = ANY($1::uuid[]) AND purged_at IS NULL RETURNING referral_id)
         SELECT referral_id, count(*) FROM purged GROUP BY referral_id`,
              [rows.map((r) => r.id), now, this.box.keyId],
            );
      const notesOf = new Map(notes.map((n) => [n.referral_id, Number(n.count)]));
      await this.audit.recordAll(
        tx,
        rows.map((row) => ({
          stream: agreementStream(row.agreement_id),
          actor: { userId: null, orgId: null, roles: [] },
          action: 'referral.purge',
          subjectType: 'Referral',
          subjectId: row.id,
          agreementId: row.agreement_id,
          agreementVersion: row.agreement_version,
          outcome: 'success' as const,
          reason: 'RETENTION_EXPIRED',
          details: { notes: notesOf.get(row.id) ?? 0 },
        })),
      );
      return rows.length;
    });
  }

  /**
   * The copies to purge — of referrals whose consent was withdrawn, that were retracted, or whose
   * agreement was terminated — asked of sharing, which owns the copies: it skips those purged
   * already, under a legal hold or locked right now, and returns the entries to append last.
   */
  async sweep(referralId?: string): Promise<number> {
    return (await this.sweepCopies(referralId)).purged;
  }

  /** The sweep, saying also which copies were due (purged or passed over). */
  private async sweepCopies(referralId?: string): Promise<{ purged: number; due: string[] }> {
    return inTransaction(this.dataSource, async (tx) => {
      const copies = await tx.query<{ agreement_id: string }[]>(
        `SELECT DISTINCT agreement_id FROM referrals
         WHERE disclosure_id IS NOT NULL AND ($1::uuid IS NULL OR id = $1::uuid)`,
        [referralId ?? null],
      );
      const terminated = await this.agreements.terminatedAmong(
        tx,
        copies.map((c) => c.agreement_id),
      );
      const due = await tx.query<{ id: string; disclosure_id: string; reason: string }[]>(
        `SELECT r.id, r.disclosure_id,
                CASE WHEN r.consent_withdrawn_at IS NOT NULL THEN 'CONSENT_WITHDRAWN'
                     WHEN r.status = 'retracted' THEN 'RETRACTED'
                     ELSE 'AGREEMENT_TERMINATED' END AS reason
         FROM referrals r
         WHERE r.disclosure_id IS NOT NULL
           AND (r.consent_withdrawn_at IS NOT NULL OR r.status = 'retracted' OR r.agreement_id = ANY($2::uuid[]))
           AND ($1::uuid IS NULL OR r.id = $1::uuid)`,
        [referralId ?? null, terminated],
      );
      const entries = await this.disclosures.purgeCopies(
        tx,
        due.map((r) => ({
          disclosureId: r.disclosure_id,
          reason: r.reason,
          details: { category: 'referral', referralId: r.id },
        })),
      );
      await this.audit.recordAll(tx, entries);
      return { purged: entries.length, due: due.map((r) => r.disclosure_id) };
    });
  }
}

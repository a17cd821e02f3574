import type { DataSource } from 'typeorm';
import { RetryLaterError } from '@accord/jobs';
import type { NotificationChannel } from './notification-send.entity';

/** How long a claim protects a send in progress; longer than any send's own timeout (SMTP, HTTP). */
export const SEND_CLAIM_LEASE_MS = 120_000;

export type ClaimOutcome =
  /** Ours to send. `retaken` when an earlier run claimed it and died: it may have sent already. */
  | { kind: 'claimed'; sendId: string; attempt: number; retaken: boolean }
  | { kind: 'already-sent' }
  /** Another run holds a live claim: leave it to that run (or to a retry once the claim lapses, in `retryInMs`). */
  | { kind: 'busy'; retryInMs: number };

/** A little past the claim's end, so the retry finds it lapsed rather than still live. */
const LAPSE_MARGIN_MS = 1_000;

/**
 * Thrown so the job comes back, without using up an attempt, once the claim another run holds has
 * lapsed (a live run marks it sent before then; a dead one's claim is taken over). Nothing was sent
 * by this run.
 */
export class SendInProgressError extends RetryLaterError {
  constructor(
    readonly channel: NotificationChannel,
    retryInMs: number = SEND_CLAIM_LEASE_MS,
  ) {
    super(`a ${channel} notification is being sent by another run; retry later`, retryInMs);
    this.name = 'SendInProgressError';
  }
}

/**
 * Claim → send → mark. The claim is one statement (insert, or take over a released or lapsed row)
 * so two runs never both own a send; the row's id stays the same across attempts, which is what
 * receivers use to recognise a repeat.
 */
export class NotificationSends {
  constructor(private readonly dataSource: DataSource) {}

  /** `occasion`: '' for the disclosure's delivery, an assignment's id for that assignment's e-mails. */
  async claim(
    disclosureId: string,
    channel: NotificationChannel,
    recipientId: string,
    occasion = '',
  ): Promise<ClaimOutcome> {
    const rows: { id: string; attempts: number; retaken: boolean }[] = await this.dataSource.query(
      `INSERT INTO notification_sends AS s (disclosure_id, channel, recipient_id, occasion, status, attempts,
        claimed_until)
       VALUES ($1, $2, $3, $5, 'sending', 1, now() + $4 * interval '1 millisecond')
       ON CONFLICT (disclosure_id, channel, recipient_id, occasion) DO UPDATE
         SET status = 'sending', attempts = s.attempts + 1, claimed_until = now() + $4 * interval '1 millisecond',
             last_error_code = CASE WHEN s.status = 'sending' THEN 'CLAIM_LAPSED' ELSE s.last_error_code END
         WHERE s.status = 'pending' OR (s.status = 'sending' AND s.claimed_until < now())
       RETURNING s.id, s.attempts, (s.last_error_code IS NOT DISTINCT FROM 'CLAIM_LAPSED') AS retaken`,
      [disclosureId, channel, recipientId, SEND_CLAIM_LEASE_MS, occasion],
    );
    if (rows.length === 1)
      return { kind: 'claimed', sendId: rows[0]!.id, attempt: rows[0]!.attempts, retaken: rows[0]!.retaken };
    const [existing]: { status: string; lapses_in_ms: number | null }[] = await this.dataSource.query(
      `SELECT status, greatest(0, extract(epoch FROM claimed_until - now()) * 1000)::float8 AS lapses_in_ms
         FROM notification_sends WHERE disclosure_id = $1 AND channel = $2 AND recipient_id = $3 AND occasion = $4`,
      [disclosureId, channel, recipientId, occasion],
    );
    if (existing?.status === 'sent') return { kind: 'already-sent' };
    return { kind: 'busy', retryInMs: Math.ceil(existing?.lapses_in_ms ?? 0) + LAPSE_MARGIN_MS };
  }

  async markSent(sendId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_sends SET status = 'sent', sent_at = now(), claimed_until = NULL, last_error_code = NULL
        WHERE id = $1`,
      [sendId],
    );
  }

  /**
   * The send failed before the other side accepted it: nothing went out, the next run may try
   * again. Only while the claim is still this attempt's: a run that outlived its claim (frozen,
   * cut off) must not hand back a send another run has since taken over or finished.
   */
  async release(sendId: string, attempt: number, errorCode: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_sends SET status = 'pending', claimed_until = NULL, last_error_code = $3 WHERE id = $1
        AND status = 'sending' AND attempts = $2`,
      [sendId, attempt, errorCode],
    );
  }
}

export type SendResult = 'sent' | 'already-sent' | 'busy' | 'failed';

/** Why a send failed, as a code: the error's message may quote an address or a server reply. */
export function errorCodeOf(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; cause?: { code?: unknown } };
  // fetch wraps the socket error (ECONNREFUSED…) as the cause of a generic TypeError.
  const code = e.code ?? e.cause?.code ?? e.responseCode;
  if (typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code)) return code;
  if (typeof code === 'number') return `CODE_${code}`;
  return error instanceof Error && /^[A-Za-z]{1,40}$/.test(error.name) ? error.name.toUpperCase() : 'SEND_FAILED';
}

/**
 * Runs `send` for each recipient at most once across every run of the job: claimed sends are
 * skipped, failures are released and collected, and the job fails at the end (to be retried
 * with backoff) if any recipient is still owed a send — without repeating the ones that went out.
 */
export async function sendToEach(
  sends: NotificationSends,
  disclosureId: string,
  channel: NotificationChannel,
  recipientIds: readonly string[],
  send: (recipientId: string, sendId: string) => Promise<void>,
  onRetaken: (sendId: string) => void,
  occasion = '',
): Promise<Record<SendResult, number>> {
  const results: Record<SendResult, number> = { sent: 0, 'already-sent': 0, busy: 0, failed: 0 };
  let firstError: unknown = null;
  let retryInMs = 0;
  for (const recipientId of recipientIds) {
    const claim = await sends.claim(disclosureId, channel, recipientId, occasion);
    if (claim.kind !== 'claimed') {
      results[claim.kind]++;
      if (claim.kind === 'busy') retryInMs = Math.max(retryInMs, claim.retryInMs);
      continue;
    }
    if (claim.retaken) onRetaken(claim.sendId);
    try {
      await send(recipientId, claim.sendId);
    } catch (error) {
      results.failed++;
      firstError ??= error;
      await sends.release(claim.sendId, claim.attempt, errorCodeOf(error));
      continue;
    }
    await sends.markSent(claim.sendId);
    results.sent++;
  }
  if (firstError) throw new ChannelSendError(channel, results.failed, errorCodeOf(firstError));
  if (results.busy > 0) throw new SendInProgressError(channel, retryInMs);
  return results;
}

/** The job's failure: how many sends failed and the first one's code, never an address or reply text. */
export class ChannelSendError extends Error {
  constructor(
    readonly channel: NotificationChannel,
    readonly failed: number,
    readonly code: string,
  ) {
    super(`${failed} ${channel} notification(s) failed (${code}); they will be retried`);
    this.name = 'ChannelSendError';
  }
}

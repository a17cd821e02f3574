import type { AuditDetailValue } from './audit-chain';
import type { AuditStream } from './audit-entry.input';
import type { AuditQuery } from './audit-store';

/** One entry about a subject, as a reader of its history sees it: no request id, no source address, no hashes. */
export interface SubjectHistoryEntry {
  seq: number;
  occurredAt: Date;
  actorUserId: string | null;
  actorOrgId: string | null;
  actorRoles: string[];
  action: string;
  outcome: string;
  reason: string | null;
  details: Record<string, AuditDetailValue> | null;
}

/** The most a history asks for at once. */
export const SUBJECT_HISTORY_MAX = 100;

/**
 * The latest entries of one stream about one subject (e.g. the system stream's entries about a user), newest first.
 * The caller has already decided that its reader may see this subject's history; this only reads.
 */
export async function subjectHistory(
  query: AuditQuery,
  stream: AuditStream,
  subjectType: string,
  subjectId: string,
  limit: number,
): Promise<SubjectHistoryEntry[]> {
  const rows = await query(
    `SELECT seq, occurred_at, actor_user_id, actor_org_id, actor_roles, action, outcome, reason, details
       FROM audit_entries WHERE stream = $1 AND subject_type = $2 AND subject_id = $3
      ORDER BY seq DESC LIMIT $4`,
    [stream, subjectType, subjectId, Math.max(1, Math.min(limit, SUBJECT_HISTORY_MAX))],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    occurredAt: r.occurred_at as Date,
    actorUserId: (r.actor_user_id as string | null) ?? null,
    actorOrgId: (r.actor_org_id as string | null) ?? null,
    actorRoles: (r.actor_roles as string[] | null) ?? [],
    action: r.action as string,
    outcome: r.outcome as string,
    reason: (r.reason as string | null) ?? null,
    details: (r.details as Record<string, AuditDetailValue> | null) ?? null,
  }));
}

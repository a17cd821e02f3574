import type { AuditChainEntry } from './audit-chain';
import type { AuditCheckpoint } from './audit-signing-key';
import type { AuditQuery } from './audit-store';

const ROWS_PER_STATEMENT = 5_000;

/**
 * Writes ready-made chain entries straight into audit_entries, bypassing audit_append: for tests
 * and the benchmark, run as the owner, to build large chains quickly. One statement per
 * few thousand rows (json_to_recordset turns JSON arrays into text[] columns).
 */
export async function bulkInsertEntries(query: AuditQuery, entries: readonly AuditChainEntry[]): Promise<void> {
  for (let start = 0; start < entries.length; start += ROWS_PER_STATEMENT) {
    const rows = entries.slice(start, start + ROWS_PER_STATEMENT).map((e) => ({
      id: e.id,
      stream: e.stream,
      seq: e.seq,
      prev_hash: e.prevHash,
      hash: e.hash,
      occurred_at: new Date(e.occurredAtMs).toISOString(),
      actor_user_id: e.actorUserId,
      actor_org_id: e.actorOrgId,
      actor_roles: e.actorRoles,
      action: e.action,
      subject_type: e.subjectType,
      subject_id: e.subjectId,
      agreement_id: e.agreementId,
      agreement_version: e.agreementVersion,
      outcome: e.outcome,
      reason: e.reason,
      fields_released: e.fieldsReleased,
      fields_withheld: e.fieldsWithheld,
      request_id: e.requestId,
      source_ip: e.sourceIp,
      details: e.details,
      format: e.format ?? 1,
      commit_key: e.commitKey ?? null,
    }));
    await query(
      `INSERT INTO audit_entries (id, stream, seq, prev_hash, hash, occurred_at, actor_user_id, actor_org_id,
         actor_roles, action, subject_type, subject_id, agreement_id, agreement_version, outcome, reason,
         fields_released, fields_withheld, request_id, source_ip, details, format, commit_key)
       SELECT id, stream, seq, prev_hash, hash, occurred_at, actor_user_id, actor_org_id,
         actor_roles, action, subject_type, subject_id, agreement_id, agreement_version, outcome, reason,
         fields_released, fields_withheld, request_id, source_ip, details, format, commit_key
       FROM json_to_recordset($1::json) AS r(id uuid, stream text, seq bigint, prev_hash text, hash text,
         occurred_at timestamptz, actor_user_id uuid, actor_org_id uuid, actor_roles text[], action text,
         subject_type text, subject_id text, agreement_id uuid, agreement_version integer, outcome text, reason text,
         fields_released text[], fields_withheld text[], request_id text,
         source_ip text, details jsonb, format smallint, commit_key text)`,
      [JSON.stringify(rows)],
    );
  }
}

/**
 * Writes a checkpoint row as given — any format, any hash — bypassing `audit_checkpoint_append`:
 * for tests that play the schema owner forging or replaying checkpoints, and for the benchmark.
 */
export async function insertCheckpointRow(query: AuditQuery, c: AuditCheckpoint): Promise<void> {
  await query(
    `INSERT INTO audit_checkpoints (stream, seq, hash, signed_at, key_id, signature, format, from_seq, span_hashes)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      c.stream,
      c.seq,
      c.hash,
      new Date(c.signedAtMs).toISOString(),
      c.keyId,
      c.signature,
      c.format ?? 1,
      c.fromSeq ?? null,
      c.spanHashes ?? null,
    ],
  );
}

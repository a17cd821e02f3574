import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tamper-evident audit trail (docs/audit.md): hash-chained entries, one chain
 * per stream, and signed checkpoints of the chain heads.
 *
 * Both tables are append-only for everyone: the application role is granted only SELECT and
 * INSERT, and triggers refuse UPDATE, DELETE and TRUNCATE even for the owner (only a superuser
 * who switches triggers off can rewrite history, and the chain plus the checkpoints make that
 * visible).
 *
 * `audit_append` is the one-statement append: under a transaction-scoped advisory lock on the
 * stream it reads the head, hashes the entry and inserts it, so an append costs one round trip
 * and the lock is held until the caller's transaction ends (concurrent writers stay linear).
 * The canonical text after the prev hash is computed by the application (see canonicalTail in
 * libs/audit/src/audit-chain.ts); the verifier recomputes every hash from the stored columns, so
 * a tail that disagrees with the columns is caught as a modified entry.
 */
export class CreateAuditTrail1763900100000 implements MigrationInterface {
  name = 'CreateAuditTrail1763900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_entries (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        stream text NOT NULL,
        seq bigint NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_user_id uuid,
        actor_org_id uuid,
        actor_roles text[] NOT NULL,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text,
        agreement_id uuid,
        agreement_version integer,
        outcome text NOT NULL,
        reason text,
        fields_released text[] NOT NULL,
        fields_withheld text[] NOT NULL,
        request_id text,
        source_ip text,
        details jsonb,
        CONSTRAINT audit_entries_pkey PRIMARY KEY (id),
        CONSTRAINT audit_entries_stream_seq_key UNIQUE (stream, seq),
        CONSTRAINT audit_entries_stream_check CHECK (stream = 'system'
          OR stream ~ '^agreement:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
        CONSTRAINT audit_entries_seq_check CHECK (seq >= 1),
        CONSTRAINT audit_entries_outcome_check CHECK (outcome IN ('success', 'failure', 'allowed', 'denied')),
        CONSTRAINT audit_entries_details_check CHECK (details IS NULL OR jsonb_typeof(details) = 'object')
      )`);
    // The unique (stream, seq) index serves the head lookup of every append (ORDER BY seq DESC
    // LIMIT 1) and the verifier's keyset scan; it is also the backstop against a forked chain.

    await q.query(`
      CREATE TABLE audit_checkpoints (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        stream text NOT NULL,
        seq bigint NOT NULL,
        hash text NOT NULL,
        signed_at timestamptz NOT NULL,
        key_id text NOT NULL,
        signature text NOT NULL,
        CONSTRAINT audit_checkpoints_pkey PRIMARY KEY (id),
        CONSTRAINT audit_checkpoints_stream_seq_key UNIQUE (stream, seq),
        CONSTRAINT audit_checkpoints_seq_check CHECK (seq >= 1)
      )`);
    // lastCheckpointAt on every /health call.
    await q.query(`CREATE INDEX audit_checkpoints_signed_at_idx ON audit_checkpoints (signed_at)`);

    await q.query(`
      CREATE FUNCTION audit_refuse_change() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog AS $$
      BEGIN
        RAISE EXCEPTION 'audit trail is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['audit_entries', 'audit_checkpoints']) {
      await q.query(
        `CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW
          EXECUTE FUNCTION audit_refuse_change()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT
          EXECUTE FUNCTION audit_refuse_change()`,
      );
      await q.query(`REVOKE ALL ON ${table} FROM PUBLIC`);
      await q.query(`GRANT SELECT, INSERT ON ${table} TO accord_app`);
    }

    // 1096107092 = 'AUDT': the class half of the two-key advisory lock space, which never
    // overlaps the single-bigint keys (migrations use those).
    await q.query(`
      CREATE FUNCTION audit_append(
        p_stream text, p_id uuid, p_occurred_at timestamptz,
        p_actor_user_id uuid, p_actor_org_id uuid, p_actor_roles text[], p_action text, p_subject_type text,
        p_subject_id text, p_agreement_id uuid, p_agreement_version integer, p_outcome text, p_reason text,
        p_fields_released text[], p_fields_withheld text[], p_request_id text, p_source_ip text, p_details jsonb,
        p_tail text
      ) RETURNS TABLE (appended_seq bigint, appended_hash text)
      LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public AS $$
      DECLARE
        head_seq bigint;
        head_hash text;
        next_hash text;
      BEGIN
        -- Under REPEATABLE READ the head read below would come from a snapshot taken before the
        -- lock, and the append would collide with a concurrent one.
        IF current_setting('transaction_isolation') <> 'read committed' THEN
          RAISE EXCEPTION 'audit entries are appended in READ COMMITTED transactions only (got %)',
          current_setting('transaction_isolation')
            USING ERRCODE = 'invalid_transaction_state';
        END IF;
        IF NOT (p_stream = 'system' OR p_stream ~
          '^agreement:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$') THEN
          RAISE EXCEPTION 'invalid audit stream' USING ERRCODE = 'check_violation';
        END IF;
        PERFORM pg_advisory_xact_lock(1096107092, hashtext(p_stream));
        -- A new statement, hence a new snapshot: it sees the previous holder's committed entry.
        SELECT e.seq, e.hash INTO head_seq, head_hash
          FROM audit_entries e WHERE e.stream = p_stream ORDER BY e.seq DESC LIMIT 1;
        IF head_seq IS NULL THEN
          head_seq := 0;
          head_hash := encode(sha256(convert_to('["accord-audit-genesis/v1","' || p_stream || '"]', 'UTF8')), 'hex');
        END IF;
        next_hash := encode(sha256(convert_to(
          '["accord-audit/v1","' || p_stream || '",' || (head_seq + 1)::text || ',"' || head_hash || '"' || p_tail,
          'UTF8')), 'hex');
        INSERT INTO audit_entries (id, stream, seq, prev_hash, hash, occurred_at, actor_user_id, actor_org_id,
          actor_roles, action, subject_type, subject_id, agreement_id, agreement_version, outcome, reason,
          fields_released, fields_withheld, request_id, source_ip, details)
        VALUES (p_id, p_stream, head_seq + 1, head_hash, next_hash, p_occurred_at, p_actor_user_id, p_actor_org_id,
          p_actor_roles, p_action, p_subject_type, p_subject_id, p_agreement_id, p_agreement_version, p_outcome,
          p_reason, p_fields_released, p_fields_withheld, p_request_id, p_source_ip, p_details);
        RETURN QUERY SELECT head_seq + 1, next_hash;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_append FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION audit_append TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION audit_append`);
    await q.query(`DROP TABLE audit_checkpoints`);
    await q.query(`DROP TABLE audit_entries`);
    await q.query(`DROP FUNCTION audit_refuse_change()`);
  }
}

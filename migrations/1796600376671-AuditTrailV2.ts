import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit trail format 2 (issue 13, docs/audit.md):
 *
 * - Entries: `format` and `commit_key`. A format-2 entry's hash covers salted commitments to its
 *   private fields (actor user id, request id, source address, detail values) instead of the
 *   values, so a bundle for one party can carry the other party's fields as commitments only and
 *   still verify offline. Format-1 rows keep their hashes and keep verifying.
 * - Checkpoints: `format`, `from_seq` and `span_hashes`. A format-2 checkpoint signs the hashes of
 *   every entry since the previous checkpoint, and names where it starts: a rewrite is found at the
 *   first changed entry, a deleted checkpoint leaves a dangling `from_seq`.
 * - The application role may no longer INSERT into either table. It appends through two SECURITY
 *   DEFINER functions, owned by the schema owner: `audit_append` (now format 2: it takes the commit
 *   key) and `audit_checkpoint_append` (which refuses a checkpoint whose head or span is not what the
 *   table holds). A forged row written around them would need the owner's rights.
 *
 * The two columns and the two CHECK constraints are as `migration:generate` wrote them; the
 * functions and grants are written by hand.
 */
export class AuditTrailV21796600376671 implements MigrationInterface {
  name = 'AuditTrailV21796600376671';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_entries" ADD "format" smallint NOT NULL DEFAULT '1'`);
    await q.query(`ALTER TABLE "audit_entries" ADD "commit_key" text`);
    await q.query(`ALTER TABLE "audit_checkpoints" ADD "format" smallint NOT NULL DEFAULT '1'`);
    await q.query(`ALTER TABLE "audit_checkpoints" ADD "from_seq" bigint`);
    await q.query(`ALTER TABLE "audit_checkpoints" ADD "span_hashes" text array`);
    await q.query(
      `ALTER TABLE "audit_entries" ADD CONSTRAINT "audit_entries_format_check" CHECK ((format = 1 AND commit_key
        IS NULL) OR (format = 2 AND commit_key ~ '^[0-9a-f]{64}$'))`,
    );
    await q.query(
      `ALTER TABLE "audit_checkpoints" ADD CONSTRAINT "audit_checkpoints_format_check" CHECK ((format = 1 AND from_seq
        IS NULL AND span_hashes IS NULL) OR (format = 2 AND from_seq >= 1 AND from_seq <= seq
        AND cardinality(span_hashes) = seq - from_seq + 1))`,
    );

    await q.query(
      `DROP FUNCTION audit_append(text, uuid, timestamptz, uuid, uuid, text[], text, text, text, uuid, integer, text,
        text, text[], text[], text, text, jsonb, text)`,
    );
    // SECURITY DEFINER: the function inserts with its owner's rights, the caller has none. Its
    // search_path puts pg_temp last (a caller's temporary table cannot stand in for ours) and every
    // table is schema-qualified.
    await q.query(`
      CREATE FUNCTION audit_append(
        p_stream text, p_id uuid, p_occurred_at timestamptz,
        p_actor_user_id uuid, p_actor_org_id uuid, p_actor_roles text[], p_action text, p_subject_type text,
        p_subject_id text, p_agreement_id uuid, p_agreement_version integer, p_outcome text, p_reason text,
        p_fields_released text[], p_fields_withheld text[], p_request_id text, p_source_ip text, p_details jsonb,
        p_commit_key text, p_tail text
      ) RETURNS TABLE (appended_seq bigint, appended_hash text)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
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
        IF p_commit_key IS NULL OR p_commit_key !~ '^[0-9a-f]{64}$' THEN
          RAISE EXCEPTION 'a format-2 audit entry needs its commit key' USING ERRCODE = 'check_violation';
        END IF;
        PERFORM pg_advisory_xact_lock(1096107092, hashtext(p_stream));
        -- A new statement, hence a new snapshot: it sees the previous holder's committed entry.
        SELECT e.seq, e.hash INTO head_seq, head_hash
          FROM public.audit_entries e WHERE e.stream = p_stream ORDER BY e.seq DESC LIMIT 1;
        IF head_seq IS NULL THEN
          head_seq := 0;
          head_hash := encode(sha256(convert_to('["accord-audit-genesis/v1","' || p_stream || '"]', 'UTF8')), 'hex');
        END IF;
        next_hash := encode(sha256(convert_to(
          '["accord-audit/v2","' || p_stream || '",' || (head_seq + 1)::text || ',"' || head_hash || '"' || p_tail,
          'UTF8')), 'hex');
        INSERT INTO public.audit_entries (id, stream, seq, prev_hash, hash, occurred_at, actor_user_id, actor_org_id,
          actor_roles, action, subject_type, subject_id, agreement_id, agreement_version, outcome, reason,
          fields_released, fields_withheld, request_id, source_ip, details, format, commit_key)
        VALUES (p_id, p_stream, head_seq + 1, head_hash, next_hash, p_occurred_at, p_actor_user_id, p_actor_org_id,
          p_actor_roles, p_action, p_subject_type, p_subject_id, p_agreement_id, p_agreement_version, p_outcome,
          p_reason, p_fields_released, p_fields_withheld, p_request_id, p_source_ip, p_details, 2, p_commit_key);
        RETURN QUERY SELECT head_seq + 1, next_hash;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_append FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION audit_append TO accord_app`);

    await q.query(`
      CREATE FUNCTION audit_checkpoint_append(
        p_stream text, p_seq bigint, p_hash text, p_signed_at timestamptz, p_key_id text, p_signature text,
        p_from_seq bigint, p_span_hashes text[]
      ) RETURNS uuid
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      DECLARE
        stored text[];
        new_id uuid;
      BEGIN
        -- The signer signs what it verified; the table must hold exactly that span, head included.
        SELECT array_agg(e.hash ORDER BY e.seq) INTO stored
          FROM public.audit_entries e WHERE e.stream = p_stream AND e.seq >= p_from_seq AND e.seq <= p_seq;
        IF p_from_seq IS NULL OR p_from_seq < 1 OR p_from_seq > p_seq OR stored IS DISTINCT FROM p_span_hashes
           OR p_span_hashes[cardinality(p_span_hashes)] IS DISTINCT FROM p_hash THEN
          RAISE EXCEPTION 'a checkpoint must sign the entries the trail holds' USING ERRCODE = 'check_violation';
        END IF;
        INSERT INTO public.audit_checkpoints
          (stream, seq, hash, signed_at, key_id, signature, format, from_seq, span_hashes)
        VALUES (p_stream, p_seq, p_hash, p_signed_at, p_key_id, p_signature, 2, p_from_seq, p_span_hashes)
        ON CONFLICT (stream, seq) DO NOTHING
        RETURNING id INTO new_id;
        RETURN new_id;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_checkpoint_append FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION audit_checkpoint_append TO accord_app`);

    await q.query(`REVOKE INSERT ON audit_entries FROM accord_app`);
    await q.query(`REVOKE INSERT ON audit_checkpoints FROM accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`GRANT INSERT ON audit_checkpoints TO accord_app`);
    await q.query(`GRANT INSERT ON audit_entries TO accord_app`);
    await q.query(`DROP FUNCTION audit_checkpoint_append`);
    await q.query(`DROP FUNCTION audit_append`);
    // The format-1 append, as CreateAuditTrail1763900100000 made it.
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
    await q.query(`ALTER TABLE "audit_checkpoints" DROP CONSTRAINT "audit_checkpoints_format_check"`);
    await q.query(`ALTER TABLE "audit_entries" DROP CONSTRAINT "audit_entries_format_check"`);
    await q.query(`ALTER TABLE "audit_checkpoints" DROP COLUMN "span_hashes"`);
    await q.query(`ALTER TABLE "audit_checkpoints" DROP COLUMN "from_seq"`);
    await q.query(`ALTER TABLE "audit_checkpoints" DROP COLUMN "format"`);
    await q.query(`ALTER TABLE "audit_entries" DROP COLUMN "commit_key"`);
    await q.query(`ALTER TABLE "audit_entries" DROP COLUMN "format"`);
  }
}

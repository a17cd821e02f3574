import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit entries are sealed at commit (issue 17 items 1 and 2, docs/audit.md "Sealing at commit").
 *
 * Until now `audit_append` took the stream's advisory lock, read the head, hashed and inserted, and
 * the lock was held until the caller committed: the result's trip back to Node, Node's turn to send
 * COMMIT and the WAL flush, every other writer of the stream waiting meanwhile. On a busy machine a
 * descheduled holder made the whole stream wait (the notify bench's tail; appends on one stream at
 * 0.4 × the plain insert rate with 8 writers).
 *
 * Now `audit_append` only writes the entry's content to `audit_pending`, and a deferred constraint
 * trigger on that table seals it when the transaction commits: lock, head, hash, insert into
 * `audit_entries`, delete the pending row. Deferred triggers run inside COMMIT, after every other
 * statement, in the order the entries were appended, so the stream's lock is held by the server
 * from the seal to the end of the commit and never waits on a client. What the chain guarantees
 * is unchanged: one linear chain per stream, the hash computed by the database under the lock, an
 * entry committed with the action it records or not at all (a failed seal fails the COMMIT).
 *
 * `audit_pending` is UNLOGGED: its rows live only inside the transaction that wrote them (the seal
 * deletes them before the commit completes), so there is nothing to recover or replicate, and not
 * logging them saves a WAL record per entry. Nobody but the two functions' owner may touch it.
 */
export class SealAuditEntriesAtCommit1796604100000 implements MigrationInterface {
  name = 'SealAuditEntriesAtCommit1796604100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE audit_pending (
        id uuid NOT NULL,
        stream text NOT NULL,
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
        commit_key text NOT NULL,
        tail text NOT NULL,
        CONSTRAINT audit_pending_pkey PRIMARY KEY (id)
      )`);
    await q.query(`REVOKE ALL ON audit_pending FROM PUBLIC`);

    await q.query(`DROP FUNCTION audit_append`);
    // The checks that do not need the head stay here, so a bad call fails at once rather than at COMMIT.
    await q.query(`
      CREATE FUNCTION audit_append(
        p_stream text, p_id uuid, p_occurred_at timestamptz,
        p_actor_user_id uuid, p_actor_org_id uuid, p_actor_roles text[], p_action text, p_subject_type text,
        p_subject_id text, p_agreement_id uuid, p_agreement_version integer, p_outcome text, p_reason text,
        p_fields_released text[], p_fields_withheld text[], p_request_id text, p_source_ip text, p_details jsonb,
        p_commit_key text, p_tail text
      ) RETURNS void
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      BEGIN
        -- Under REPEATABLE READ the seal's head read would come from the transaction's first
        -- snapshot, taken before the lock, and the append would collide with a concurrent one.
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
        INSERT INTO public.audit_pending (id, stream, occurred_at, actor_user_id, actor_org_id, actor_roles, action,
          subject_type, subject_id, agreement_id, agreement_version, outcome, reason, fields_released,
          fields_withheld, request_id, source_ip, details, commit_key, tail)
        VALUES (p_id, p_stream, p_occurred_at, p_actor_user_id, p_actor_org_id, p_actor_roles, p_action,
          p_subject_type, p_subject_id, p_agreement_id, p_agreement_version, p_outcome, p_reason, p_fields_released,
          p_fields_withheld, p_request_id, p_source_ip, p_details, p_commit_key, p_tail);
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_append FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION audit_append TO accord_app`);

    await q.query(`
      CREATE FUNCTION audit_seal() RETURNS trigger
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      DECLARE
        p public.audit_pending%ROWTYPE;
        head_seq bigint;
        head_hash text;
      BEGIN
        DELETE FROM public.audit_pending WHERE id = NEW.id RETURNING * INTO p;
        -- Gone already: the same transaction sealed it through SET CONSTRAINTS ... IMMEDIATE.
        IF NOT FOUND THEN
          RETURN NULL;
        END IF;
        PERFORM pg_advisory_xact_lock(1096107092, hashtext(p.stream));
        -- A new statement, hence a new snapshot: it sees the previous holder's committed entry.
        SELECT e.seq, e.hash INTO head_seq, head_hash
          FROM public.audit_entries e WHERE e.stream = p.stream ORDER BY e.seq DESC LIMIT 1;
        IF head_seq IS NULL THEN
          head_seq := 0;
          head_hash := encode(sha256(convert_to('["accord-audit-genesis/v1","' || p.stream || '"]', 'UTF8')), 'hex');
        END IF;
        INSERT INTO public.audit_entries (id, stream, seq, prev_hash, hash, occurred_at, actor_user_id, actor_org_id,
          actor_roles, action, subject_type, subject_id, agreement_id, agreement_version, outcome, reason,
          fields_released, fields_withheld, request_id, source_ip, details, format, commit_key)
        VALUES (p.id, p.stream, head_seq + 1, head_hash,
          encode(sha256(convert_to(
            '["accord-audit/v2","' || p.stream || '",' || (head_seq + 1)::text || ',"' || head_hash || '"' || p.tail,
            'UTF8')), 'hex'),
          p.occurred_at, p.actor_user_id, p.actor_org_id, p.actor_roles, p.action, p.subject_type, p.subject_id,
          p.agreement_id, p.agreement_version, p.outcome, p.reason, p.fields_released, p.fields_withheld,
          p.request_id, p.source_ip, p.details, 2, p.commit_key);
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_seal FROM PUBLIC`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER audit_pending_seal AFTER INSERT ON audit_pending
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_seal()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_pending_seal ON audit_pending`);
    await q.query(`DROP FUNCTION audit_seal`);
    await q.query(`DROP FUNCTION audit_append`);
    // The append under the lock held to commit, as AuditTrailV21796600376671 made it.
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
    await q.query(`DROP TABLE audit_pending`);
  }
}

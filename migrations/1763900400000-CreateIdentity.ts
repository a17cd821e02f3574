import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity (issue 3): organizations, their users with roles, server-side sessions, one-time
 * enrollment tokens and the Postgres fallback of the per-address login throttle. Secrets are
 * stored only as hashes (sessions, enrollment tokens, argon2id passwords) or encrypted (TOTP
 * seeds). A trigger refuses a role that does not fit the organization's kind, so even a direct
 * write cannot make a platform operator of a police officer.
 */
export class CreateIdentity1763900400000 implements MigrationInterface {
  name = 'CreateIdentity1763900400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organizations (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organizations_pkey PRIMARY KEY (id),
        CONSTRAINT organizations_name_key UNIQUE (name),
        CONSTRAINT organizations_kind_check CHECK (kind IN ('police', 'community', 'hospital', 'city', 'platform')),
        CONSTRAINT organizations_name_check CHECK (char_length(name) BETWEEN 1 AND 200)
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL,
        email text NOT NULL,
        roles text[] NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        password_hash text,
        totp_secret text,
        totp_pending_secret text,
        totp_last_step bigint,
        failed_login_count integer NOT NULL DEFAULT 0,
        first_failed_at timestamptz,
        locked_at timestamptz,
        is_demo boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_pkey PRIMARY KEY (id),
        CONSTRAINT users_email_key UNIQUE (email),
        CONSTRAINT users_org_id_fkey FOREIGN KEY (org_id) REFERENCES organizations (id),
        CONSTRAINT users_status_check CHECK (status IN ('pending', 'active', 'disabled')),
        CONSTRAINT users_email_check CHECK (email = lower(email) AND char_length(email) BETWEEN 3 AND 254),
        CONSTRAINT users_roles_check CHECK (cardinality(roles) >= 1 AND roles <@ ARRAY['org_admin', 'police_liaison',
          'program_manager', 'outreach_worker', 'board_member', 'platform_operator']::text[]),
        CONSTRAINT users_failed_login_count_check CHECK (failed_login_count >= 0),
        CONSTRAINT users_active_check CHECK (status <> 'active' OR (password_hash IS NOT NULL AND totp_secret
          IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX users_org_id_idx ON users (org_id)`);
    // Mirrors ROLES_BY_ORG_KIND in libs/policy; the service checks first with a clear message.
    await q.query(`
      CREATE FUNCTION users_roles_fit_org_kind() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
      DECLARE
        org_kind text;
        allowed text[];
      BEGIN
        SELECT kind INTO org_kind FROM organizations WHERE id = NEW.org_id;
        allowed := CASE org_kind
          WHEN 'police' THEN ARRAY['org_admin', 'police_liaison', 'board_member']
          WHEN 'platform' THEN ARRAY['platform_operator']
          ELSE ARRAY['org_admin', 'program_manager', 'outreach_worker', 'board_member']
        END;
        IF NOT (NEW.roles <@ allowed) THEN
          RAISE EXCEPTION 'a role does not fit the organization kind' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER users_roles_fit_org_kind BEFORE INSERT OR UPDATE OF roles, org_id ON users FOR EACH ROW
        EXECUTE FUNCTION users_roles_fit_org_kind()`,
    );
    await q.query(`
      CREATE TABLE sessions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        authenticated_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        CONSTRAINT sessions_pkey PRIMARY KEY (id),
        CONSTRAINT sessions_token_hash_key UNIQUE (token_hash),
        CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id),
        CONSTRAINT sessions_revoked_reason_check CHECK (revoked_reason IS NULL OR revoked_reason IN ('logout',
          'disabled', 'reset', 'password_changed'))
      )`);
    await q.query(`CREATE INDEX sessions_user_id_idx ON sessions (user_id) WHERE revoked_at IS NULL`);
    await q.query(`
      CREATE TABLE enrollment_tokens (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CONSTRAINT enrollment_tokens_pkey PRIMARY KEY (id),
        CONSTRAINT enrollment_tokens_token_hash_key UNIQUE (token_hash),
        CONSTRAINT enrollment_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id)
      )`);
    await q.query(`CREATE INDEX enrollment_tokens_user_id_idx ON enrollment_tokens (user_id)`);
    await q.query(`
      CREATE TABLE login_throttle_counters (
        key text NOT NULL,
        window_started_at timestamptz NOT NULL,
        attempts integer NOT NULL,
        CONSTRAINT login_throttle_counters_pkey PRIMARY KEY (key)
      )`);
    await q.query(`GRANT SELECT, INSERT ON organizations TO accord_app`);
    await q.query(`GRANT UPDATE (name) ON organizations TO accord_app`);
    await q.query(`GRANT SELECT, INSERT ON users TO accord_app`);
    await q.query(
      `GRANT UPDATE (roles, status, password_hash, totp_secret, totp_pending_secret, totp_last_step,
        failed_login_count, first_failed_at, locked_at, updated_at) ON users TO accord_app`,
    );
    await q.query(`GRANT SELECT, INSERT ON sessions TO accord_app`);
    await q.query(
      `GRANT UPDATE (last_seen_at, authenticated_at, revoked_at, revoked_reason) ON sessions TO accord_app`,
    );
    await q.query(`GRANT SELECT, INSERT ON enrollment_tokens TO accord_app`);
    await q.query(`GRANT UPDATE (used_at) ON enrollment_tokens TO accord_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON login_throttle_counters TO accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_throttle_counters`);
    await q.query(`DROP TABLE enrollment_tokens`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP FUNCTION users_roles_fit_org_kind()`);
    await q.query(`DROP TABLE organizations`);
  }
}

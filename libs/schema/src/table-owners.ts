/**
 * Which lib owns which table: the one place that says it. The owner is the only lib that writes
 * the table (SQL or TypeORM) and the one whose service other libs call for its rows.
 * scripts/table-ownership.spec.ts holds the code to this map (every write by the owner, every
 * read by the owner or declared below), and docs/architecture.md prints it
 * (`npm run architecture:docs`).
 */
export const TABLE_OWNERS = {
  schema_migrations: 'database',
  outbox_jobs: 'jobs',
  audit_entries: 'audit',
  audit_pending: 'audit',
  audit_checkpoints: 'audit',
  organizations: 'identity',
  users: 'identity',
  sessions: 'identity',
  enrollment_tokens: 'identity',
  login_throttle_counters: 'identity',
  agreements: 'agreements',
  agreement_versions: 'agreements',
  agreement_approvals: 'agreements',
  legal_holds: 'agreements',
  review_sign_offs: 'agreements',
  incidents: 'sharing',
  disclosures: 'sharing',
  inbox_entries: 'sharing',
  inbox_assignments: 'sharing',
  disclosure_responses: 'sharing',
  service_areas: 'sharing',
  org_webhooks: 'channels',
  notification_sends: 'channels',
  referrals: 'referrals',
  referral_notes: 'referrals',
} as const;

export type Table = keyof typeof TABLE_OWNERS;

/**
 * Tables with no entity: only the database's own functions touch them, never the owner's code
 * through TypeORM. `audit_pending` holds an entry from `audit_append` to its seal at commit.
 */
export const FUNCTION_TABLES: readonly Table[] = ['audit_pending'];

export interface CrossLibReads {
  tables: Table[];
  /** Why the read is the lib's own business, in a sentence the docs print. */
  why: string;
}

/**
 * Reads of another lib's tables that a lib does itself rather than through the owner's service.
 * Each is reviewed here; a new one fails the ownership spec until it is declared (or replaced by a
 * call to the owner). Writes are never declared: only the owner writes.
 */
export const CROSS_LIB_READS: Record<string, CrossLibReads> = {
  agreements: {
    tables: ['audit_entries'],
    why: "a board searches its agreement's audit stream under the agreement's visibility rules",
  },
  channels: {
    tables: ['agreements', 'organizations', 'users'],
    why:
      'an e-mail is addressed at the moment it is sent (the address never travels in a job); escalations go to ' +
      "the recipient organization's escalation role, by its kind; self-grant notices to the partner admins of " +
      "the organization's agreements in force; a webhook's creation locks its organization's row so the " +
      'per-organization cap holds',
  },
  identity: {
    tables: ['agreements'],
    why: "a content role granted is recorded in the stream of each of the organization's agreements in force",
  },
  reports: {
    tables: ['agreements', 'audit_entries', 'disclosures', 'disclosure_responses', 'incidents', 'referrals'],
    why:
      'a read model: the board report aggregates counts over several libs and owns no table (READ_MODELS); of ' +
      "the police's incidents it reads only when each occurred (time from incident to share)",
  },
};

/**
 * Libs that only read: their queries are aggregates over other libs' tables (SELECT only), and
 * anything they must record goes through the owner's service (the report's own audit entry goes
 * through AuditService).
 */
export const READ_MODELS: readonly string[] = ['reports'];

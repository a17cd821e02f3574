/**
 * What a caller hands the audit trail. It names who did what to which subject under which
 * agreement version, and with what outcome — never personal data or disclosed values: `reason`
 * is a code, `details` holds counts and codes only.
 */
export const SYSTEM_STREAM = 'system';

/** One hash chain per stream: the system stream, plus one per agreement. */
export type AuditStream = typeof SYSTEM_STREAM | `agreement:${string}`;

export function agreementStream(agreementId: string): AuditStream {
  return `agreement:${agreementId}`;
}

export type AuditOutcome = 'success' | 'failure' | 'allowed' | 'denied';

export interface AuditActor {
  userId?: string | null;
  orgId?: string | null;
  roles?: string[];
}

export interface AuditEntryInput {
  stream: AuditStream;
  actor: AuditActor;
  /** Dotted action code, e.g. `auth.login`, `disclosure.read`, `agreement.approve`. */
  action: string;
  subjectType: string;
  subjectId?: string | null;
  agreementId?: string | null;
  agreementVersion?: number | null;
  outcome: AuditOutcome;
  /** Machine code of why (e.g. `INVALID_CREDENTIALS`), never free text from a user. */
  reason?: string | null;
  fieldsReleased?: string[];
  fieldsWithheld?: string[];
  requestId?: string | null;
  sourceIp?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

/** The parts of an entry that say who asked and from where, as every request-driven service records them. */
export interface AuditedCaller {
  userId: string;
  orgId: string;
  roles: readonly string[];
  requestId?: string;
  sourceIp?: string;
}

export function auditCallerOf(caller: AuditedCaller): Pick<AuditEntryInput, 'actor' | 'requestId' | 'sourceIp'> {
  return {
    actor: { userId: caller.userId, orgId: caller.orgId, roles: [...caller.roles] },
    requestId: caller.requestId ?? null,
    sourceIp: caller.sourceIp ?? null,
  };
}

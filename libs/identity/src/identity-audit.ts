import type { EntityManager } from 'typeorm';
import { agreementStream, type AuditActor, type AuditOutcome, AuditService, SYSTEM_STREAM } from '@accord/audit';

/** Where a request came from; part of every identity audit entry. */
export interface RequestMeta {
  requestId?: string;
  sourceIp?: string;
}

export interface IdentityEvent {
  actor: AuditActor;
  /** e.g. `auth.login`, `user.disable`; see docs/identity.md for the list. */
  action: string;
  subjectType: 'User' | 'Session' | 'Organization';
  subjectId?: string | null;
  outcome: AuditOutcome;
  reason?: string;
  details?: Record<string, string | number | boolean | null>;
  /**
   * Recorded in this agreement's stream instead of the system stream (a change that affects what the partners share).
   */
  agreementId?: string;
}

/**
 * Identity events go to the system stream, in the caller's transaction, so an action whose audit
 * entry cannot be written does not happen. Entries name ids and codes, never an e-mail address.
 */
export function recordIdentityEvent(
  audit: AuditService,
  tx: EntityManager,
  meta: RequestMeta,
  event: IdentityEvent,
): Promise<unknown> {
  return audit.record(tx, {
    stream: event.agreementId ? agreementStream(event.agreementId) : SYSTEM_STREAM,
    ...(event.agreementId ? { agreementId: event.agreementId } : {}),
    actor: event.actor,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId ?? null,
    outcome: event.outcome,
    reason: event.reason ?? null,
    requestId: meta.requestId ?? null,
    sourceIp: meta.sourceIp ?? null,
    ...(event.details ? { details: event.details } : {}),
  });
}

import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertInTransaction, RollbackFollowUp } from '@accord/database';
import { canonicalTail, type AuditDetailValue, type AuditEntryContent } from './audit-chain';
import { SYSTEM_STREAM, type AuditEntryInput, type AuditOutcome } from './audit-entry.input';
import { sanitizeAuditText, sanitizeNullableAuditText } from './audit-text';
import { recordedNow } from './recorded-time';

/** A caller handed record() something that cannot be an audit entry (a programming error). */
export class AuditInputError extends Error {
  constructor(message: string) {
    super(`Audit entry refused: ${message}`);
    this.name = 'AuditInputError';
  }
}

/**
 * An entry handed to the chain. Its place (seq) and hash are given when the caller's transaction
 * commits (the seal, see `record`), so they are read from `audit_entries` after the commit.
 */
export interface RecordedAuditEntry {
  id: string;
  stream: string;
  occurredAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AGREEMENT_STREAM = /^agreement:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OUTCOMES: ReadonlySet<string> = new Set<AuditOutcome>(['success', 'failure', 'allowed', 'denied']);
const INT32_MAX = 2_147_483_647;

/**
 * PostgreSQL stores a uuid and gives it back lower-case and hyphenated; the hash must be over
 * that same text, so only that form is accepted (upper case is lowered).
 */
function uuidOrNull(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || !UUID.test(value)) throw new AuditInputError(`${field} must be a UUID`);
  return value.toLowerCase();
}

function requiredText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new AuditInputError(`${field} must be a non-empty string`);
  return sanitizeAuditText(value);
}

function optionalText(value: unknown, field: string): string | null {
  if (value !== null && value !== undefined && typeof value !== 'string')
    throw new AuditInputError(`${field} must be a string`);
  return sanitizeNullableAuditText(value as string | null | undefined);
}

function textList(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    throw new AuditInputError(`${field} must be a list of strings`);
  return (value as string[]).map(sanitizeAuditText);
}

function detailsOf(value: unknown): Record<string, AuditDetailValue> | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw new AuditInputError('details must be a flat object');
  // A null-prototype object: a key named "__proto__" stays a plain key.
  const details = Object.create(null) as Record<string, AuditDetailValue>;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const safeKey = sanitizeAuditText(key);
    if (typeof item === 'string') details[safeKey] = sanitizeAuditText(item);
    else if (typeof item === 'boolean' || item === null) details[safeKey] = item;
    else if (typeof item === 'number' && Number.isFinite(item)) details[safeKey] = item;
    else
      throw new AuditInputError(`details.${safeKey.slice(0, 40)} must be a string, a finite number, a boolean or null`);
  }
  return Object.keys(details).length === 0 ? null : details;
}

export interface PreparedAuditEntry extends AuditEntryContent {
  stream: string;
}

/**
 * Validates and sanitizes a caller's input into the exact content that is stored and hashed.
 * Strings are escaped, never refused (see audit-text.ts); structure errors (a bad UUID, an
 * unknown outcome, a non-scalar detail) are programming errors and throw. Messages never echo
 * the offending value.
 */
export function prepareAuditEntry(
  input: AuditEntryInput,
  id: string,
  occurredAtMs: number,
  commitKey: string = randomBytes(32).toString('hex'),
): PreparedAuditEntry {
  if (input === null || typeof input !== 'object') throw new AuditInputError('input must be an object');
  const stream = input.stream as string;
  if (stream !== SYSTEM_STREAM && !(typeof stream === 'string' && AGREEMENT_STREAM.test(stream))) {
    throw new AuditInputError(`stream must be '${SYSTEM_STREAM}' or 'agreement:<lower-case uuid>'`);
  }
  if (!OUTCOMES.has(input.outcome)) throw new AuditInputError(`outcome must be one of ${[...OUTCOMES].join(', ')}`);
  const version = input.agreementVersion ?? null;
  if (version !== null && !(Number.isInteger(version) && version >= 0 && version <= INT32_MAX)) {
    throw new AuditInputError('agreementVersion must be a non-negative integer');
  }
  const actor = input.actor ?? {};
  return {
    stream,
    id,
    occurredAtMs,
    actorUserId: uuidOrNull(actor.userId, 'actor.userId'),
    actorOrgId: uuidOrNull(actor.orgId, 'actor.orgId'),
    actorRoles: textList(actor.roles, 'actor.roles'),
    action: requiredText(input.action, 'action'),
    subjectType: requiredText(input.subjectType, 'subjectType'),
    subjectId: optionalText(input.subjectId, 'subjectId'),
    agreementId: uuidOrNull(input.agreementId, 'agreementId'),
    agreementVersion: version,
    outcome: input.outcome,
    reason: optionalText(input.reason, 'reason'),
    fieldsReleased: textList(input.fieldsReleased, 'fieldsReleased'),
    fieldsWithheld: textList(input.fieldsWithheld, 'fieldsWithheld'),
    requestId: optionalText(input.requestId, 'requestId'),
    sourceIp: optionalText(input.sourceIp, 'sourceIp'),
    details: detailsOf(input.details),
    // Format 2: the private fields are hashed as salted commitments (see audit-chain.ts).
    format: 2,
    commitKey,
  };
}

const APPEND_SQL = `SELECT audit_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
  $18, $19, $20)`;

/**
 * The only way to write an audit entry. It runs inside the caller's transaction, so the entry
 * and the action it records commit together — and if the audit write fails, the action fails.
 *
 * One round trip: `audit_append` checks the entry and sets it aside; the database seals it when
 * the transaction commits (migration SealAuditEntriesAtCommit): under the stream's advisory lock it
 * links the entry to the head, hashes it and inserts it, in append order, and the lock is released
 * with the commit. So the lock is held inside COMMIT only, never across a trip to the client.
 * Still record the entry as the LAST statement: it states what the transaction did, and a refusal
 * after it would have to undo it (see `refusal`).
 */
@Injectable()
export class AuditService {
  async record(tx: EntityManager, input: AuditEntryInput): Promise<RecordedAuditEntry> {
    assertInTransaction(tx, 'AuditService.record');
    // The real time, except while the demo seed writes its history (recorded-time.ts).
    const occurredAtMs = recordedNow();
    const entry = prepareAuditEntry(input, randomUUID(), occurredAtMs);
    const occurredAt = new Date(occurredAtMs);
    await tx.query(APPEND_SQL, [
      entry.stream,
      entry.id,
      occurredAt.toISOString(),
      entry.actorUserId,
      entry.actorOrgId,
      entry.actorRoles,
      entry.action,
      entry.subjectType,
      entry.subjectId,
      entry.agreementId,
      entry.agreementVersion,
      entry.outcome,
      entry.reason,
      entry.fieldsReleased,
      entry.fieldsWithheld,
      entry.requestId,
      entry.sourceIp,
      entry.details === null ? null : JSON.stringify(entry.details),
      entry.commitKey,
      canonicalTail(entry),
    ]);
    return { id: entry.id, stream: entry.stream, occurredAt };
  }

  /**
   * Several entries at the end of one transaction (a use case that collected them as it went).
   * Streams are sealed in one global order (by name) — each stream's entries keep their order — so
   * two transactions that both append to the same two streams queue instead of deadlocking.
   */
  async recordAll(tx: EntityManager, inputs: readonly AuditEntryInput[]): Promise<RecordedAuditEntry[]> {
    const ordered = inputs
      .map((input, index) => ({ input, index }))
      .sort((a, b) => (a.input.stream < b.input.stream ? -1 : a.input.stream > b.input.stream ? 1 : a.index - b.index));
    const recorded: RecordedAuditEntry[] = [];
    for (const { input } of ordered) recorded.push(await this.record(tx, input));
    return recorded;
  }

  /**
   * A refusal that stays on the record: throw what this returns inside `inTransaction` and the
   * request's writes roll back, then `entry` is appended in a transaction of its own and `error`
   * reaches the caller (see RollbackFollowUp).
   */
  refusal(entry: AuditEntryInput, error: Error): RollbackFollowUp {
    return new RollbackFollowUp(error, (tx) => this.record(tx, entry));
  }
}

import { createHash } from 'node:crypto';
import { JOB_DEFINITIONS, JobName, type JobDefinition } from './job-names';

/**
 * Job payloads sit in the outbox table and in Redis, so they may hold ids, enum codes, numbers
 * and booleans only — never a name, an address, a phone number or free text. The rules below are
 * deliberately narrow: a string is either a UUID or a lower-case code (`incident_notification`,
 * `agreement:<uuid>`, `delivery.email`), which no personal datum written by a person looks like.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[a-z][a-z0-9]*(?:[._:-][a-z0-9]+)*$/;
const KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
const MAX_STRING = 120;
const MAX_ARRAY = 1_000;
const MAX_KEYS = 32;
/** Caller-chosen job ids: BullMQ refuses ':' in custom ids, and the id lands in Redis too. */
const JOB_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export type JobPayloadScalar = string | number | boolean | null;
export type JobPayloadValue = JobPayloadScalar | JobPayloadScalar[];

export class JobPayloadError extends Error {
  constructor(
    readonly job: string,
    readonly problem: string,
  ) {
    super(`Job ${job} refused: ${problem}`);
    this.name = 'JobPayloadError';
  }
}

export function isJobName(value: unknown): value is JobName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(JOB_DEFINITIONS, value);
}

function checkScalar(job: string, key: string, value: unknown): void {
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new JobPayloadError(job, `field "${key}" must be a finite number`);
    return;
  }
  if (typeof value === 'string') {
    // The offending value is never echoed: it may be exactly the personal datum being refused.
    if (value.length > MAX_STRING || !(UUID.test(value) || CODE.test(value))) {
      throw new JobPayloadError(job, `field "${key}" must be an id, an enum code, a number or a boolean`);
    }
    return;
  }
  throw new JobPayloadError(job, `field "${key}" has a type a job payload cannot carry`);
}

/**
 * Throws a JobPayloadError unless `payload` is a flat object of ids, enum codes, numbers,
 * booleans, nulls or arrays of those. Returns the payload with `undefined` fields dropped.
 */
export function validateJobPayload(job: string, payload: unknown): Record<string, JobPayloadValue> {
  if (
    payload === null ||
    typeof payload !== 'object' ||
    Array.isArray(payload) ||
    Object.getPrototypeOf(payload) !== Object.prototype
  ) {
    throw new JobPayloadError(job, 'the payload must be a plain object');
  }
  const entries = Object.entries(payload as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length > MAX_KEYS) throw new JobPayloadError(job, `the payload has more than ${MAX_KEYS} fields`);
  const clean: Record<string, JobPayloadValue> = {};
  for (const [key, value] of entries) {
    if (!KEY.test(key)) throw new JobPayloadError(job, 'field names must be identifiers');
    if (Array.isArray(value)) {
      if (value.length > MAX_ARRAY) throw new JobPayloadError(job, `field "${key}" holds more than ${MAX_ARRAY} items`);
      value.forEach((item) => checkScalar(job, key, item));
      clean[key] = value as JobPayloadScalar[];
    } else {
      checkScalar(job, key, value);
      clean[key] = value as JobPayloadScalar;
    }
  }
  return clean;
}

/** JSON with object keys sorted, so equal payloads give equal text whatever their key order. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The deterministic job id: `<job name>/<given id>`, or `<job name>/<hash of the payload>` when
 * none is given. The same work therefore always carries the same id, which is what lets the
 * outbox, BullMQ and the in-process runner recognise a duplicate.
 */
export function jobIdFor(name: JobName, payload: Record<string, JobPayloadValue>, givenId?: string): string {
  if (givenId !== undefined) {
    if (!JOB_ID.test(givenId)) {
      throw new JobPayloadError(name, 'a job id must be 1-128 characters of letters, digits, ".", "_" and "-"');
    }
    return `${name}/${givenId}`;
  }
  const digest = createHash('sha256').update(stableStringify(payload)).digest('hex').slice(0, 32);
  return `${name}/${digest}`;
}

/** Delay before retry number `attempt + 1`, after `attempt` failed attempts (BullMQ's exponential rule). */
export function retryDelayMs(definition: Pick<JobDefinition, 'backoffMs'>, attemptsMade: number): number {
  return definition.backoffMs * 2 ** Math.max(0, attemptsMade - 1);
}

/**
 * A short machine code for an error, safe to store and log: the error's own `code` when it is
 * one, else its class name. Never the message, which may quote data.
 */
export function errorCode(error: unknown): string {
  if (error !== null && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Za-z0-9_.:-]{1,64}$/.test(code)) return code;
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string' && /^[A-Za-z0-9_]{1,64}$/.test(name)) return name;
  }
  return 'UNKNOWN_ERROR';
}

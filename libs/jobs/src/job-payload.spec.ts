import fc from 'fast-check';
import { JobName } from './job-names';
import { errorCode, JobPayloadError, jobIdFor, retryDelayMs, stableStringify, validateJobPayload } from './job-payload';
import { dailyCronPattern, nextDailyRun } from './scheduled-jobs';

const UUID = '3f2a1c9e-8b7d-4e6f-9a0b-1c2d3e4f5a6b';

describe('job payloads', () => {
  it('accepts ids, enum codes, numbers, booleans, nulls and arrays of them', () => {
    const payload = {
      disclosureId: UUID,
      category: 'incident_notification',
      stream: `agreement:${UUID}`,
      count: 3,
      urgent: false,
      note: null,
      ids: [UUID, UUID],
    };
    expect(validateJobPayload('x', payload)).toEqual(payload);
  });

  it.each([
    ['a name with spaces', { person: 'John Smith' }],
    ['a capitalised name', { person: 'Smith' }],
    ['an e-mail address', { to: 'someone@example.org' }],
    ['a phone number', { phone: '555-123-4567' }],
    ['a date of birth', { dob: '2001-04-03' }],
    ['a house-number address', { at: '12 Main St' }],
    ['a nested object', { person: { id: UUID } }],
    ['an array holding free text', { ids: [UUID, 'Jane Doe'] }],
    ['a non-finite number', { n: Number.NaN }],
  ])('refuses %s', (_what, payload) => {
    expect(() => validateJobPayload('delivery.email', payload)).toThrow(JobPayloadError);
  });

  it('never echoes the refused value in the error', () => {
    expect(() => validateJobPayload('delivery.email', { person: 'John Smith' })).toThrow(
      /field "person" must be an id/,
    );
    try {
      validateJobPayload('delivery.email', { person: 'John Smith' });
    } catch (error) {
      expect((error as Error).message).not.toContain('John');
    }
  });

  it('refuses anything but a plain object', () => {
    expect(() => validateJobPayload('x', [UUID])).toThrow(JobPayloadError);
    expect(() => validateJobPayload('x', null)).toThrow(JobPayloadError);
    expect(() => validateJobPayload('x', new Date())).toThrow(JobPayloadError);
  });

  it('drops undefined fields so they do not change the job id', () => {
    expect(validateJobPayload('x', { a: 1, b: undefined })).toEqual({ a: 1 });
  });
});

describe('job ids', () => {
  it('derives the same id from the same payload whatever the key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.integer()), (payload) => {
        const reversed = Object.fromEntries(Object.entries(payload).reverse());
        expect(jobIdFor(JobName.AuditVerify, reversed)).toBe(jobIdFor(JobName.AuditVerify, payload));
      }),
    );
  });

  it('derives different ids from different payloads and prefixes the job name', () => {
    const a = jobIdFor(JobName.AuditVerify, { id: UUID });
    const b = jobIdFor(JobName.AuditVerify, { id: UUID.replace('3f', '4f') });
    expect(a).not.toBe(b);
    expect(a.startsWith('audit.verify/')).toBe(true);
    // BullMQ refuses custom ids with ':' or that are integers.
    expect(a).not.toContain(':');
  });

  it('uses a given id under the job name, and refuses one BullMQ or Redis should not see', () => {
    expect(jobIdFor(JobName.AuditCheckpoint, {}, 'every-42')).toBe('audit.checkpoint/every-42');
    expect(() => jobIdFor(JobName.AuditCheckpoint, {}, 'a:b')).toThrow(JobPayloadError);
    expect(() => jobIdFor(JobName.AuditCheckpoint, {}, 'John Smith')).toThrow(JobPayloadError);
    expect(() => jobIdFor(JobName.AuditCheckpoint, {}, '')).toThrow(JobPayloadError);
  });

  it('serialises with sorted keys at every depth', () => {
    expect(stableStringify({ b: [{ y: 1, x: 2 }], a: 'z' })).toBe('{"a":"z","b":[{"x":2,"y":1}]}');
  });
});

describe('retry and schedule rules', () => {
  it('doubles the backoff after each failed attempt, as BullMQ exponential backoff does', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs({ backoffMs: 100 }, attempt))).toEqual([100, 200, 400, 800]);
  });

  it('stores an error as a code, never its message', () => {
    expect(errorCode(Object.assign(new Error('John Smith not found'), { code: 'NOT_FOUND' }))).toBe('NOT_FOUND');
    expect(errorCode(new TypeError('John Smith'))).toBe('TypeError');
    expect(errorCode('John Smith')).toBe('UNKNOWN_ERROR');
  });

  it('runs a daily job at the next occurrence of its UTC time', () => {
    expect(nextDailyRun({ hour: 3, minute: 17 }, new Date('2026-11-05T02:00:00Z')).toISOString()).toBe(
      '2026-11-05T03:17:00.000Z',
    );
    expect(nextDailyRun({ hour: 3, minute: 17 }, new Date('2026-11-05T03:17:00Z')).toISOString()).toBe(
      '2026-11-06T03:17:00.000Z',
    );
    expect(dailyCronPattern({ hour: 3, minute: 17 })).toBe('17 3 * * *');
  });
});

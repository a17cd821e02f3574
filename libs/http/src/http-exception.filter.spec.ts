import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { Logger } from '@nestjs/common';
import type { Request } from 'express';
import { HttpExceptionFilter, isUnavailable } from './http-exception.filter';

describe('connection loss is a 503, never a 500', () => {
  const filter = new HttpExceptionFilter();
  const req = { headers: {} } as Request;
  beforeAll(() => Logger.overrideLogger(false));

  it('treats a query runner released under the request (its connection died) as unavailable', () => {
    expect(isUnavailable(new QueryRunnerAlreadyReleasedError())).toBe(true);
    expect(filter.toBody(new QueryRunnerAlreadyReleasedError(), req).error.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('treats a terminated backend (pg_terminate_backend, a restart) as unavailable', () => {
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    expect(filter.toBody(new QueryFailedError('SELECT 1', [], terminated), req).error.code).toBe('SERVICE_UNAVAILABLE');
    expect(isUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
  });

  it('still answers 500 with an error id for an unexpected failure', () => {
    const body = filter.toBody(
      new QueryFailedError('SELECT 1', [], Object.assign(new Error('syntax error'), { code: '42601' })),
      req,
    );
    expect(body.error.code).toBe('INTERNAL_ERROR');
    expect(body.error.errorId).toEqual(expect.any(String));
  });
});

import { ErrorCode } from './error-code';

export type ErrorDetails = Record<string, unknown>;

/**
 * The one exception type services throw for anything a client should be told. It never carries
 * personal data: messages and details name fields and rules, not values.
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'DomainException';
  }
}

export const notFound = (what = 'Resource'): DomainException =>
  new DomainException(ErrorCode.NotFound, `${what} not found`);

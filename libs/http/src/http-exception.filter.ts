import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { DomainException, type ErrorDetails } from './domain.exception';
import { ErrorCode, httpStatusFor } from './error-code';
import { requestIdOf } from './request-context';
import { JSON_TOO_DEEP, MAX_JSON_DEPTH } from './json-depth';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetails; requestId?: string; errorId?: string };
}

/** What pg and TypeORM say when the connection went away under a query. */
const CONNECTION_LOST = new RegExp(
  [
    'Connection terminated',
    'timeout exceeded when trying to connect',
    'Cannot use a pool after calling end',
    'Connection is closed',
    'Query runner already released',
    'is not queryable',
    'terminating connection due to administrator command',
  ].join('|'),
  'i',
);

/** Errors whose presence means the database or Redis is unreachable: the request fails fast with 503. */
export function isUnavailable(error: unknown): boolean {
  // Not `instanceof Error`: socket errors may come from another realm (the test VM, worker threads).
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (
    typeof code === 'string' &&
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EHOSTUNREACH',
      '57P01',
      '57P02',
      '57P03',
      '08000',
      '08001',
      '08003',
      '08006',
    ].includes(code)
  ) {
    return true;
  }
  // A connection that died under a request surfaces from TypeORM as its runner "already released",
  // and from pg as a client that "is not queryable": the request changed nothing (its transaction
  // never committed), so it is a retryable 503 like a refused connection, never a 500.
  const name = (error as { name?: unknown }).name;
  if (name === 'QueryRunnerAlreadyReleasedError') return true;
  return typeof message === 'string' && CONNECTION_LOST.test(message);
}

/** Seconds a client should wait before retrying a 503 (a dropped connection is usually back by then). */
export const RETRY_AFTER_SECONDS = 2;

/** Maps Nest's own HTTP exceptions (thrown by the framework, body parser or routing) to our codes. */
function codeForHttpStatus(status: number): ErrorCode {
  switch (status) {
    case HttpStatus.BAD_REQUEST:
      return ErrorCode.ValidationFailed;
    case HttpStatus.UNAUTHORIZED:
      return ErrorCode.Unauthenticated;
    case HttpStatus.FORBIDDEN:
      return ErrorCode.Forbidden;
    case HttpStatus.NOT_FOUND:
      return ErrorCode.RouteNotFound;
    case HttpStatus.METHOD_NOT_ALLOWED:
      return ErrorCode.MethodNotAllowed;
    case HttpStatus.CONFLICT:
      return ErrorCode.Conflict;
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return ErrorCode.BodyTooLarge;
    case HttpStatus.UNSUPPORTED_MEDIA_TYPE:
      return ErrorCode.UnsupportedMediaType;
    case HttpStatus.TOO_MANY_REQUESTS:
      return ErrorCode.RateLimited;
    case HttpStatus.SERVICE_UNAVAILABLE:
      return ErrorCode.ServiceUnavailable;
    default:
      return status >= 500 ? ErrorCode.Internal : ErrorCode.ValidationFailed;
  }
}

const DEFAULT_MESSAGES: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.Unauthenticated]: 'Authentication required',
  [ErrorCode.Forbidden]: 'Not allowed',
  [ErrorCode.RouteNotFound]: 'No such route',
  [ErrorCode.MethodNotAllowed]: 'Method not allowed',
  [ErrorCode.BodyTooLarge]: 'The request body is too large',
  [ErrorCode.UnsupportedMediaType]: 'Send JSON with Content-Type: application/json',
  [ErrorCode.RateLimited]: 'Too many requests; try again later',
  [ErrorCode.ServiceUnavailable]: 'Accord is temporarily unavailable; try again shortly',
};

/**
 * The single place where failures become HTTP responses. Known failures keep their code and
 * message; anything unexpected becomes a 500 with an error id that is also logged — never a stack
 * trace or an internal message in the response.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const body = this.toBody(exception, req);
    if (res.headersSent) return;
    if (body.error.code === ErrorCode.ServiceUnavailable) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(httpStatusFor(body.error.code)).json(body);
  }

  toBody(exception: unknown, req: Request): ErrorBody {
    const requestId = requestIdOf(req);
    if (exception instanceof DomainException) {
      return {
        error: {
          code: exception.code,
          message: exception.message,
          ...(exception.details ? { details: exception.details } : {}),
          requestId,
        },
      };
    }
    // Errors raised by the JSON body parser carry a `type`; Nest's adapter wraps them as `cause`.
    const raw = exception as { type?: unknown; cause?: { type?: unknown } } | null;
    const parserType = raw?.type ?? raw?.cause?.type;
    if (parserType === 'entity.too.large') {
      return { error: { code: ErrorCode.BodyTooLarge, message: DEFAULT_MESSAGES[ErrorCode.BodyTooLarge]!, requestId } };
    }
    if (parserType === JSON_TOO_DEEP) {
      return {
        error: {
          code: ErrorCode.BodyTooDeep,
          message: `The request body nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels`,
          requestId,
        },
      };
    }
    if (parserType === 'entity.parse.failed') {
      return { error: { code: ErrorCode.MalformedJson, message: 'The request body is not valid JSON', requestId } };
    }
    if (
      (typeof parserType === 'string' && parserType.startsWith('encoding.')) ||
      parserType === 'charset.unsupported'
    ) {
      return { error: { code: ErrorCode.UnsupportedMediaType, message: 'Unsupported body encoding', requestId } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = codeForHttpStatus(status);
      if (status < 500) {
        return { error: { code, message: DEFAULT_MESSAGES[code] ?? 'The request is not valid', requestId } };
      }
    }
    if (isUnavailable(exception)) {
      this.logger.warn({
        event: 'dependency_unavailable',
        requestId,
        errorCode: (exception as { code?: unknown }).code,
      });
      return {
        error: {
          code: ErrorCode.ServiceUnavailable,
          message: DEFAULT_MESSAGES[ErrorCode.ServiceUnavailable]!,
          requestId,
        },
      };
    }
    const errorId = randomUUID();
    // Only the type and message of an unexpected error are logged; messages from our own code hold no
    // personal data, and request bodies are never logged.
    this.logger.error({
      event: 'unhandled_error',
      errorId,
      requestId,
      errorType: exception instanceof Error ? exception.name : typeof exception,
      errorMessage: exception instanceof Error ? exception.message : undefined,
    });
    return { error: { code: ErrorCode.Internal, message: 'Something went wrong on our side', requestId, errorId } };
  }
}

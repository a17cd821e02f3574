import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse } from '@nestjs/swagger';
import { ApiErrorBodyDto } from './api-error.dto';
import { ErrorCode, httpStatusFor } from './error-code';

const STATUS_TEXT = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found (or not yours to know of)',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  415: 'Not JSON',
  422: 'Understood but refused by a rule',
  423: 'Account locked',
  429: 'Too many requests',
  503: 'A dependency (database) is unavailable; retry shortly',
} as const satisfies Record<number, string>;

export type ApiErrorStatus = keyof typeof STATUS_TEXT;

/** The codes a status can carry, read from `httpStatusFor` so the document never drifts from the filter. */
export function errorCodesFor(status: number): ErrorCode[] {
  return Object.values(ErrorCode).filter((code) => httpStatusFor(code) === status);
}

/**
 * Documents the error answers a route can give, each with the one error body
 * (`{ error: { code, message, details?, requestId? } }`) and the codes that status carries.
 */
export const ApiErrorResponses = (...statuses: ApiErrorStatus[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiExtraModels(ApiErrorBodyDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        type: ApiErrorBodyDto,
        description: `${STATUS_TEXT[status]}: ${errorCodesFor(status).join(', ')}`,
      }),
    ),
  );

/** What every route with a JSON body can answer before the handler runs: invalid, too large, not JSON. */
export const JSON_BODY_ERRORS = [400, 413, 415] as const satisfies readonly ApiErrorStatus[];

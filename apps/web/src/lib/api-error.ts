import type { components } from '@/api/schema';

/** Every code the API answers with (generated from its OpenAPI document). */
export type ErrorCode = components['schemas']['ErrorCode'];
type ErrorBody = components['schemas']['ApiErrorBodyDto'];

/** Failures that never reached the API or came back without its error body. */
export type ClientErrorCode = 'NETWORK' | 'UNEXPECTED';

/** A refused or failed request, as the API described it (`{ error: { code, message, details } }`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static from(response: Response | undefined, body: unknown): ApiError {
    const error = (body as Partial<ErrorBody> | undefined)?.error;
    if (response && error && typeof error.code === 'string') {
      return new ApiError(
        response.status,
        error.code,
        error.message ?? '',
        error.details as Record<string, unknown> | undefined,
      );
    }
    return new ApiError(
      response?.status ?? 0,
      response ? 'UNEXPECTED' : 'NETWORK',
      response ? `HTTP ${response.status}` : 'No answer from Accord',
    );
  }
}

export function isApiError(error: unknown, code?: ErrorCode | ClientErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/**
 * The answer of an openapi-fetch call, or its error thrown as an ApiError (what TanStack Query
 * expects of a query or mutation function). A fetch that never got an answer throws NETWORK.
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw ApiError.from(undefined, undefined);
  }
  if (result.error !== undefined || !result.response.ok) throw ApiError.from(result.response, result.error);
  return result.data as T;
}

/** The answer, or null when the API refused in the way `expected` describes (a state, not a failure). */
export async function orNullWhen<T>(call: Promise<T>, expected: (error: ApiError) => boolean): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ApiError && expected(error)) return null;
    throw error;
  }
}

/** VALIDATION_FAILED names the fields it refused (`details.fields[].path`); values are never echoed. */
export function invalidFields(error: unknown): string[] {
  if (!isApiError(error, 'VALIDATION_FAILED')) return [];
  const fields = error.details?.fields;
  return Array.isArray(fields) ? fields.map((f: { path?: unknown }) => String(f.path ?? '')).filter(Boolean) : [];
}

import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiExtension } from '@nestjs/swagger';
import { ApiErrorResponses } from '@accord/http';
import type { Action, Subject } from './actions';
import type { AuthContext } from './auth-context';

export const POLICY_METADATA = 'accord:policy';
export const PUBLIC_METADATA = 'accord:public';

/** Names of the two ways to send a session in the OpenAPI document (the scheme objects are in apps/api). */
export const BEARER_SCHEME = 'bearer';
export const COOKIE_SCHEME = 'cookie';
/** Value of the `x-accord-policy` extension on public operations. */
export const PUBLIC_POLICY = 'public';

export interface RoutePolicy {
  action: Action;
  subject: Subject;
}

/**
 * Declares what a route requires. The guard checks the caller may perform `action` on some
 * `subject` (the cheap type-level check); the service then loads through the scoped query and
 * answers not-found for anything outside the caller's reach. Also documents the route in OpenAPI.
 */
export const Authorize = (action: Action, subject: Subject): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(POLICY_METADATA, { action, subject } satisfies RoutePolicy),
    ApiBearerAuth(BEARER_SCHEME),
    ApiCookieAuth(COOKIE_SCHEME),
    ApiExtension('x-accord-policy', `${action} ${subject}`),
    // Every guarded route can answer these before its handler runs; the route documents the rest.
    ApiErrorResponses(401, 403, 503),
  );

/**
 * The only opt-out from authentication. Use it for health, login and enrollment, nothing else.
 * The document builder gives operations marked so `security: []`.
 */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(PUBLIC_METADATA, true), ApiExtension('x-accord-policy', PUBLIC_POLICY));

/** The authenticated caller of the current request (set by the policy guard). */
export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const auth = ctx.switchToHttp().getRequest<{ auth?: AuthContext }>().auth;
  if (!auth) throw new Error('@Auth() used on a route without an authenticated caller');
  return auth;
});

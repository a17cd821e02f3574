import { HttpStatus } from '@nestjs/common';

/**
 * Every error Accord answers with. Clients branch on the code; the message is for people.
 * A new domain error adds its code here and its status in `httpStatusFor` — the compiler makes
 * the switch exhaustive, so no code can ship without a status.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedJson = 'MALFORMED_JSON',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  BodyTooLarge = 'BODY_TOO_LARGE',
  BodyTooDeep = 'BODY_TOO_DEEP',
  ForbiddenKey = 'FORBIDDEN_KEY',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  PolicyUndeclared = 'POLICY_UNDECLARED',
  NotFound = 'NOT_FOUND',
  RouteNotFound = 'ROUTE_NOT_FOUND',
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  Conflict = 'CONFLICT',
  RateLimited = 'RATE_LIMITED',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL_ERROR',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  AccountLocked = 'ACCOUNT_LOCKED',
  ReauthenticationRequired = 'REAUTHENTICATION_REQUIRED',
  PasswordRejected = 'PASSWORD_REJECTED',
  PasswordTooLong = 'PASSWORD_TOO_LONG',
  EnrollmentInvalid = 'ENROLLMENT_INVALID',
  TotpInvalid = 'TOTP_INVALID',
  RoleNotAllowed = 'ROLE_NOT_ALLOWED',
  AgreementState = 'AGREEMENT_STATE',
  AlreadyApproved = 'ALREADY_APPROVED',
  AgreementPartyInvalid = 'AGREEMENT_PARTY_INVALID',
  SharingParametersInvalid = 'SHARING_PARAMETERS_INVALID',
  IdentifiersFound = 'IDENTIFIERS_FOUND',
  FieldNotPermitted = 'FIELD_NOT_PERMITTED',
  /** A cookie-authenticated change that did not come from Accord's own pages (CSRF). */
  CrossSiteRequest = 'CROSS_SITE_REQUEST',
  /** An admin gave themselves a role that reads shared content while another admin could do it. */
  SecondAdminRequired = 'SECOND_ADMIN_REQUIRED',
  /** An organization's service areas as uploaded are not valid GeoJSON areas (the first problem is named). */
  ServiceAreasInvalid = 'SERVICE_AREAS_INVALID',
  /** An incident's point lies in none of the organization's service areas. */
  OutsideServiceAreas = 'OUTSIDE_SERVICE_AREAS',
}

export function httpStatusFor(code: ErrorCode): HttpStatus {
  switch (code) {
    case ErrorCode.ValidationFailed:
    case ErrorCode.MalformedJson:
    case ErrorCode.BodyTooDeep:
    case ErrorCode.ForbiddenKey:
    case ErrorCode.PasswordRejected:
    case ErrorCode.PasswordTooLong:
    case ErrorCode.EnrollmentInvalid:
    case ErrorCode.TotpInvalid:
      return HttpStatus.BAD_REQUEST;
    case ErrorCode.InvalidCredentials:
      return HttpStatus.UNAUTHORIZED;
    case ErrorCode.AccountLocked:
      return HttpStatus.LOCKED;
    case ErrorCode.ReauthenticationRequired:
      return HttpStatus.FORBIDDEN;
    case ErrorCode.RoleNotAllowed:
    case ErrorCode.AgreementPartyInvalid:
    case ErrorCode.SharingParametersInvalid:
    case ErrorCode.IdentifiersFound:
    case ErrorCode.ServiceAreasInvalid:
    case ErrorCode.OutsideServiceAreas:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case ErrorCode.AgreementState:
    case ErrorCode.AlreadyApproved:
      return HttpStatus.CONFLICT;
    case ErrorCode.UnsupportedMediaType:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case ErrorCode.BodyTooLarge:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ErrorCode.Unauthenticated:
      return HttpStatus.UNAUTHORIZED;
    case ErrorCode.Forbidden:
    case ErrorCode.CrossSiteRequest:
    case ErrorCode.SecondAdminRequired:
    case ErrorCode.PolicyUndeclared:
    case ErrorCode.FieldNotPermitted:
      return HttpStatus.FORBIDDEN;
    case ErrorCode.NotFound:
    case ErrorCode.RouteNotFound:
      return HttpStatus.NOT_FOUND;
    case ErrorCode.MethodNotAllowed:
      return HttpStatus.METHOD_NOT_ALLOWED;
    case ErrorCode.Conflict:
      return HttpStatus.CONFLICT;
    case ErrorCode.RateLimited:
      return HttpStatus.TOO_MANY_REQUESTS;
    case ErrorCode.ServiceUnavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case ErrorCode.Internal:
      return HttpStatus.INTERNAL_SERVER_ERROR;
  }
}

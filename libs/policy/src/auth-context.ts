import type { MongoAbility } from '@casl/ability';
import type { Action, Subject } from './actions';
import type { OrgKind, Role } from './roles';

export type AppAbility = MongoAbility<[Action | string, Subject | object]>;

/**
 * Who is asking, built once per request by the authenticator and handed as the first argument to
 * every service method. The worker builds the same shape for the user a job acts for, so
 * authorization runs identically in both processes.
 */
export interface AuthContext {
  userId: string;
  orgId: string;
  orgKind: OrgKind;
  roles: Role[];
  sessionId: string;
  ability: AppAbility;
  requestId?: string;
  sourceIp?: string;
  /** When the caller last proved password + TOTP (for actions that need recent re-authentication). */
  authenticatedAt: Date;
}

/** Turns a request into an AuthContext, or null when it carries no valid session. */
export interface Authenticator {
  authenticate(request: unknown): Promise<AuthContext | null>;
}

export const AUTHENTICATOR = Symbol('AUTHENTICATOR');

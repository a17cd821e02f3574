import { type CanActivate, type ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainException, ErrorCode } from '@accord/http';
import { AUTHENTICATOR, type AuthContext, type Authenticator } from './auth-context';
import { POLICY_METADATA, PUBLIC_METADATA, type RoutePolicy } from './authorize.decorator';

/**
 * The global guard. Deny by default: a route that declares neither a policy nor @Public() is
 * refused for everyone, so forgetting a declaration can never open a route.
 */
@Injectable()
export class PolicyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Optional() @Inject(AUTHENTICATOR) private readonly authenticator?: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) return true;
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY_METADATA, targets);
    if (!policy) {
      throw new DomainException(ErrorCode.PolicyUndeclared, 'This route declares no access policy and is closed');
    }
    const request = context.switchToHttp().getRequest<{ auth?: AuthContext }>();
    const auth = this.authenticator ? await this.authenticator.authenticate(request) : null;
    if (!auth) throw new DomainException(ErrorCode.Unauthenticated, 'Authentication required');
    request.auth = auth;
    if (!auth.ability.can(policy.action, policy.subject)) {
      throw new DomainException(ErrorCode.Forbidden, 'Your role does not allow this');
    }
    return true;
  }
}

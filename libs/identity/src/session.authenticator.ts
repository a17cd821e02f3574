import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { requestIdOf } from '@accord/http';
import type { AuthContext, Authenticator } from '@accord/policy';
import { SessionsService } from './sessions.service';

export const SESSION_COOKIE = 'accord_session';

/** The session token of a request: the cookie (browsers) or `Authorization: Bearer` (API clients). */
export function sessionTokenOf(request: Request): string | undefined {
  const authorization = request.header('authorization');
  if (authorization) {
    const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(authorization.trim());
    return match?.[1];
  }
  const cookies = request.header('cookie');
  if (!cookies) return undefined;
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

/** Source address as Express resolved it: the socket peer unless TRUSTED_PROXIES vouches for X-Forwarded-For. */
export function sourceIpOf(request: Request): string | undefined {
  return request.ip ?? undefined;
}

@Injectable()
export class SessionAuthenticator implements Authenticator {
  constructor(private readonly sessions: SessionsService) {}

  async authenticate(request: unknown): Promise<AuthContext | null> {
    const req = request as Request;
    const token = sessionTokenOf(req);
    if (!token) return null;
    const requestId = requestIdOf(req);
    const sourceIp = sourceIpOf(req);
    return this.sessions.authenticate(token, {
      ...(requestId ? { requestId } : {}),
      ...(sourceIp ? { sourceIp } : {}),
    });
  }
}

import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { requestIdOf } from '@accord/http';
import { Action, Auth, type AuthContext, Authorize, Public } from '@accord/policy';
import { AuthService } from './auth.service';
import { ChangePasswordDto, ConfirmEnrollmentDto, LoginDto, ReauthenticateDto, StartEnrollmentDto } from './identity.dto';
import type { RequestMeta } from './identity-audit';
import { SESSION_COOKIE, sourceIpOf } from './session.authenticator';
import { SESSION_ABSOLUTE_MS } from './sessions.service';
import { UsersService } from './users.service';

function metaFrom(req: Request): RequestMeta {
  const requestId = requestIdOf(req);
  const sourceIp = sourceIpOf(req);
  return { ...(requestId ? { requestId } : {}), ...(sourceIp ? { sourceIp } : {}) };
}

const COOKIE_OPTIONS = { httpOnly: true, secure: true, sameSite: 'strict', path: '/' } as const;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const result = await this.auth.login(body, metaFrom(req));
    if (body.client === 'api') return { token: result.token, userId: result.userId, expiresAt: result.expiresAt.toISOString() };
    res.cookie(SESSION_COOKIE, result.token, { ...COOKIE_OPTIONS, maxAge: SESSION_ABSOLUTE_MS });
    return { userId: result.userId, expiresAt: result.expiresAt.toISOString() };
  }

  @Post('logout')
  @HttpCode(204)
  @Authorize(Action.Delete, 'Session')
  async logout(@Auth() auth: AuthContext, @Res({ passthrough: true }) res: Response) {
    await this.auth.logout(auth);
    res.clearCookie(SESSION_COOKIE, COOKIE_OPTIONS);
  }

  @Post('reauthenticate')
  @HttpCode(200)
  @Authorize(Action.Update, 'Session')
  async reauthenticate(@Auth() auth: AuthContext, @Body() body: ReauthenticateDto) {
    const { authenticatedAt } = await this.auth.reauthenticate(auth, body.password, body.code);
    return { authenticatedAt: authenticatedAt.toISOString() };
  }

  @Post('password')
  @HttpCode(204)
  @Authorize(Action.Update, 'User')
  async changePassword(@Auth() auth: AuthContext, @Body() body: ChangePasswordDto) {
    await this.auth.changePassword(auth, body.currentPassword, body.newPassword);
  }

  @Post('enrollment')
  @HttpCode(200)
  @Public()
  startEnrollment(@Body() body: StartEnrollmentDto, @Req() req: Request) {
    return this.auth.startEnrollment(body.token, body.password, metaFrom(req));
  }

  @Post('enrollment/confirm')
  @HttpCode(200)
  @Public()
  confirmEnrollment(@Body() body: ConfirmEnrollmentDto, @Req() req: Request) {
    return this.auth.confirmEnrollment(body.token, body.code, metaFrom(req));
  }
}

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Authorize(Action.Read, 'User')
  me(@Auth() auth: AuthContext) {
    return this.users.me(auth);
  }

  /**
   * The caller's effective rules (role baseline narrowed by the active agreements), so a client can
   * show only what the caller may do. Rules name agreement ids and categories, never content.
   */
  @Get('abilities')
  @Authorize(Action.Read, 'User')
  abilities(@Auth() auth: AuthContext) {
    return { rules: auth.ability.rules };
  }
}

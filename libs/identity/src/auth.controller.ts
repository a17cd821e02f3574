import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiErrorResponses, JSON_BODY_ERRORS, requestIdOf } from '@accord/http';
import { Action, Auth, type AuthContext, Authorize, Public } from '@accord/policy';
import { AuthService } from './auth.service';
import {
  ChangePasswordDto,
  ConfirmEnrollmentDto,
  LoginDto,
  ReauthenticateDto,
  StartEnrollmentDto,
} from './identity.dto';
import {
  AbilitiesDto,
  EnrollmentChallengeDto,
  EnrollmentConfirmedDto,
  LoginResultDto,
  ReadableUserDto,
  ReauthenticatedDto,
} from './identity-response.dto';
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
  @ApiOperation({ summary: 'Sign in with e-mail, password and the current authenticator code' })
  @ApiOkResponse({
    type: LoginResultDto,
    description:
      'Browsers get the session in the HttpOnly `accord_session` cookie; client "api" gets the token in the body',
  })
  @ApiErrorResponses(...JSON_BODY_ERRORS, 401, 429, 503)
  async login(
    @Body() body: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResultDto> {
    const result = await this.auth.login(body, metaFrom(req));
    if (body.client === 'api')
      return { token: result.token, userId: result.userId, expiresAt: result.expiresAt.toISOString() };
    res.cookie(SESSION_COOKIE, result.token, { ...COOKIE_OPTIONS, maxAge: SESSION_ABSOLUTE_MS });
    return { userId: result.userId, expiresAt: result.expiresAt.toISOString() };
  }

  @Post('logout')
  @HttpCode(204)
  @Authorize(Action.Delete, 'Session')
  @ApiOperation({ summary: "End the caller's session and clear the cookie" })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(@Auth() auth: AuthContext, @Res({ passthrough: true }) res: Response) {
    await this.auth.logout(auth);
    res.clearCookie(SESSION_COOKIE, COOKIE_OPTIONS);
  }

  @Post('reauthenticate')
  @HttpCode(200)
  @Authorize(Action.Update, 'Session')
  @ApiOperation({
    summary: 'Confirm password and code again before a sensitive step (approving an agreement, changing roles)',
  })
  @ApiOkResponse({ type: ReauthenticatedDto })
  @ApiErrorResponses(...JSON_BODY_ERRORS, 423)
  async reauthenticate(@Auth() auth: AuthContext, @Body() body: ReauthenticateDto): Promise<ReauthenticatedDto> {
    const { authenticatedAt } = await this.auth.reauthenticate(auth, body.password, body.code);
    return { authenticatedAt: authenticatedAt.toISOString() };
  }

  @Post('password')
  @HttpCode(204)
  @Authorize(Action.Update, 'User')
  @ApiOperation({ summary: "Change the caller's password (needs the current one)" })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiErrorResponses(...JSON_BODY_ERRORS)
  async changePassword(@Auth() auth: AuthContext, @Body() body: ChangePasswordDto) {
    await this.auth.changePassword(auth, body.currentPassword, body.newPassword);
  }

  @Post('enrollment')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Enrollment, step 1: set a password with the link token; get the authenticator secret' })
  @ApiOkResponse({ type: EnrollmentChallengeDto })
  @ApiErrorResponses(...JSON_BODY_ERRORS, 503)
  startEnrollment(@Body() body: StartEnrollmentDto, @Req() req: Request): Promise<EnrollmentChallengeDto> {
    return this.auth.startEnrollment(body.token, body.password, metaFrom(req));
  }

  @Post('enrollment/confirm')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Enrollment, step 2: confirm a current code; the account becomes active' })
  @ApiOkResponse({ type: EnrollmentConfirmedDto })
  @ApiErrorResponses(...JSON_BODY_ERRORS, 503)
  confirmEnrollment(@Body() body: ConfirmEnrollmentDto, @Req() req: Request): Promise<EnrollmentConfirmedDto> {
    return this.auth.confirmEnrollment(body.token, body.code, metaFrom(req));
  }
}

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Authorize(Action.Read, 'User')
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: ReadableUserDto })
  me(@Auth() auth: AuthContext): Promise<ReadableUserDto> {
    return this.users.me(auth);
  }

  /**
   * The caller's effective rules (role baseline narrowed by the active agreements), so a client can
   * show only what the caller may do. Rules name agreement ids and categories, never content.
   */
  @Get('abilities')
  @Authorize(Action.Read, 'User')
  @ApiOperation({ summary: "The caller's effective rules, so a client shows only what the caller may do" })
  @ApiOkResponse({ type: AbilitiesDto })
  abilities(@Auth() auth: AuthContext): AbilitiesDto {
    return { rules: auth.ability.rules };
  }
}

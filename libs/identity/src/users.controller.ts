import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, JSON_BODY_ERRORS, UuidParam } from '@accord/http';
import { Action, Auth, type AuthContext, Authorize } from '@accord/policy';
import { ChangeRolesDto, CreateOrganizationDto, InviteUserDto } from './identity.dto';
import {
  CreatedOrganizationDto,
  InvitedUserDto,
  OrganizationDto,
  ReadableUserDto,
  UserDto,
  UserEventsDto,
} from './identity-response.dto';
import { OrganizationsService } from './organizations.service';
import { UsersService } from './users.service';

/** User ids are v4 UUIDs (gen_random_uuid). */
const UserId = () => UuidParam('id', { version: '4' });

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Authorize(Action.List, 'User')
  @ApiOperation({ summary: "The users of the caller's organization (org admins)" })
  @ApiOkResponse({ type: [ReadableUserDto] })
  list(@Auth() auth: AuthContext): Promise<ReadableUserDto[]> {
    return this.users.list(auth);
  }

  @Post()
  @Authorize(Action.Create, 'User')
  @ApiOperation({
    summary:
      "Invite a user to the organization: the one-time enrollment link goes to the person's own e-mail " +
      'address, never to the caller',
  })
  @ApiCreatedResponse({ type: InvitedUserDto })
  @ApiErrorResponses(...JSON_BODY_ERRORS, 409, 422)
  invite(@Auth() auth: AuthContext, @Body() body: InviteUserDto): Promise<InvitedUserDto> {
    return this.users.invite(auth, body);
  }

  @Get(':id')
  @Authorize(Action.Read, 'User')
  @ApiOperation({ summary: 'One user of the organization' })
  @ApiOkResponse({ type: ReadableUserDto })
  @ApiErrorResponses(400, 404)
  get(@Auth() auth: AuthContext, @UserId() id: string): Promise<ReadableUserDto> {
    return this.users.get(auth, id);
  }

  @Get(':id/events')
  @Authorize(Action.List, 'AuditEntry')
  @ApiOperation({
    summary:
      "The person's latest audited account events, newest first (org admins, their own organization's people): " +
      'what, when, outcome, and who did it',
  })
  @ApiOkResponse({ type: UserEventsDto })
  @ApiErrorResponses(400, 404)
  events(@Auth() auth: AuthContext, @UserId() id: string): Promise<UserEventsDto> {
    return this.users.events(auth, id);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Authorize(Action.Update, 'User')
  @ApiOperation({ summary: 'Disable a user: every session of theirs ends at once' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrorResponses(400, 404, 409)
  disable(@Auth() auth: AuthContext, @UserId() id: string): Promise<UserDto> {
    return this.users.disable(auth, id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Authorize(Action.Update, 'User')
  @ApiOperation({ summary: 'Enable a disabled user again' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrorResponses(400, 404, 409)
  enable(@Auth() auth: AuthContext, @UserId() id: string): Promise<UserDto> {
    return this.users.enable(auth, id);
  }

  @Post(':id/release-lockout')
  @HttpCode(200)
  @Authorize(Action.Update, 'User')
  @ApiOperation({ summary: 'Release a user locked out by failed logins' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrorResponses(400, 404, 409)
  release(@Auth() auth: AuthContext, @UserId() id: string): Promise<UserDto> {
    return this.users.releaseLockout(auth, id);
  }

  @Post(':id/reset')
  @HttpCode(200)
  @Authorize(Action.Update, 'User')
  @ApiOperation({
    summary:
      "Reset a user's credentials: a new one-time enrollment link, sent to the person's own e-mail address, " +
      'never to the caller',
  })
  @ApiOkResponse({ type: InvitedUserDto })
  @ApiErrorResponses(400, 404, 409)
  reset(@Auth() auth: AuthContext, @UserId() id: string): Promise<InvitedUserDto> {
    return this.users.reset(auth, id);
  }

  @Put(':id/roles')
  @Authorize(Action.Update, 'User')
  @ApiOperation({ summary: "Change a user's roles (needs a fresh re-authentication)" })
  @ApiOkResponse({ type: UserDto })
  @ApiErrorResponses(...JSON_BODY_ERRORS, 404, 409, 422)
  changeRoles(@Auth() auth: AuthContext, @UserId() id: string, @Body() body: ChangeRolesDto): Promise<UserDto> {
    return this.users.changeRoles(auth, id, body.roles);
  }
}

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @Authorize(Action.List, 'Organization')
  @ApiOperation({ summary: 'Organizations on this Accord (operators: all; others: their own)' })
  @ApiOkResponse({ type: [OrganizationDto] })
  list(@Auth() auth: AuthContext): Promise<OrganizationDto[]> {
    return this.organizations.list(auth);
  }

  @Get('me')
  @Authorize(Action.Read, 'Organization')
  @ApiOperation({
    summary: 'Your own organization: its name and kind (every role; the web app shows it in the header)',
  })
  @ApiOkResponse({ type: OrganizationDto })
  mine(@Auth() auth: AuthContext): Promise<OrganizationDto> {
    return this.organizations.mine(auth);
  }

  @Post()
  @Authorize(Action.Create, 'Organization')
  @ApiOperation({
    summary:
      "Create an organization and invite its first org admin (platform operators); the admin's link goes to " +
      "the admin's e-mail address only",
  })
  @ApiCreatedResponse({ type: CreatedOrganizationDto })
  @ApiErrorResponses(...JSON_BODY_ERRORS, 409)
  create(@Auth() auth: AuthContext, @Body() body: CreateOrganizationDto): Promise<CreatedOrganizationDto> {
    return this.organizations.create(auth, body);
  }
}

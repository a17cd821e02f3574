import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Action, Auth, type AuthContext, Authorize } from '@accord/policy';
import { ChangeRolesDto, CreateOrganizationDto, InviteUserDto } from './identity.dto';
import { OrganizationsService } from './organizations.service';
import { UsersService } from './users.service';

const uuid = () => new ParseUUIDPipe({ version: '4' });

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Authorize(Action.List, 'User')
  list(@Auth() auth: AuthContext) {
    return this.users.list(auth);
  }

  @Post()
  @Authorize(Action.Create, 'User')
  invite(@Auth() auth: AuthContext, @Body() body: InviteUserDto) {
    return this.users.invite(auth, body);
  }

  @Get(':id')
  @Authorize(Action.Read, 'User')
  get(@Auth() auth: AuthContext, @Param('id', uuid()) id: string) {
    return this.users.get(auth, id);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Authorize(Action.Update, 'User')
  disable(@Auth() auth: AuthContext, @Param('id', uuid()) id: string) {
    return this.users.disable(auth, id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Authorize(Action.Update, 'User')
  enable(@Auth() auth: AuthContext, @Param('id', uuid()) id: string) {
    return this.users.enable(auth, id);
  }

  @Post(':id/release-lockout')
  @HttpCode(200)
  @Authorize(Action.Update, 'User')
  release(@Auth() auth: AuthContext, @Param('id', uuid()) id: string) {
    return this.users.releaseLockout(auth, id);
  }

  @Post(':id/reset')
  @HttpCode(200)
  @Authorize(Action.Update, 'User')
  reset(@Auth() auth: AuthContext, @Param('id', uuid()) id: string) {
    return this.users.reset(auth, id);
  }

  @Put(':id/roles')
  @Authorize(Action.Update, 'User')
  changeRoles(@Auth() auth: AuthContext, @Param('id', uuid()) id: string, @Body() body: ChangeRolesDto) {
    return this.users.changeRoles(auth, id, body.roles);
  }
}

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @Authorize(Action.List, 'Organization')
  list(@Auth() auth: AuthContext) {
    return this.organizations.list(auth);
  }

  @Post()
  @Authorize(Action.Create, 'Organization')
  create(@Auth() auth: AuthContext, @Body() body: CreateOrganizationDto) {
    return this.organizations.create(auth, body);
  }
}

import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Action, Auth, type AuthContext, Authorize } from '@accord/policy';
import { UsersService } from './users.service';
import { WorkerListDto } from './workers-response.dto';

@ApiTags('organizations')
@Controller('organizations/me/workers')
export class WorkersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Authorize(Action.List, 'User')
  @ApiOperation({
    summary: 'The workers of your organization a referral may be assigned to',
    description:
      'Enabled outreach workers of the caller’s own organization (a program manager who also holds ' +
      'outreach_worker is listed), ' +
      'with id, display name and roles only. For program managers and org admins; every other role gets 403.',
  })
  @ApiOkResponse({ type: WorkerListDto })
  list(@Auth() auth: AuthContext) {
    return this.users.listWorkers(auth);
  }
}

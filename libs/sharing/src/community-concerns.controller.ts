import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, JSON_BODY_ERRORS } from '@accord/http';
import { Action, Auth, type AuthContext, Authorize } from '@accord/policy';
import { CreateConcernDto, SentConcernDto, SentConcernListDto } from './community-concern.dto';
import { CommunityConcernsService } from './community-concerns.service';

@ApiTags('community-concerns')
@Controller('community-concerns')
export class CommunityConcernsController {
  constructor(private readonly concerns: CommunityConcernsService) {}

  /**
   * Declared as "read Agreement" (the caller must be party to some agreement), not "create
   * Disclosure": under a one-way agreement no such rule exists and the guard would refuse before
   * the service could audit the refused attempt. The service checks the flow and the caller's
   * right to send under it (create Disclosure, category community_concern) before anything is written.
   */
  @Post()
  @Authorize(Action.Read, 'Agreement')
  @ApiOperation({ summary: 'Send an area-level community concern to the police (two-way agreements)' })
  @ApiCreatedResponse({ type: SentConcernDto })
  @ApiErrorResponses(...JSON_BODY_ERRORS, 404, 422)
  send(@Auth() auth: AuthContext, @Body() dto: CreateConcernDto): Promise<SentConcernDto> {
    return this.concerns.send(auth, dto);
  }

  /**
   * The sender follows what it sent: the right to send concerns (create Disclosure, as the organization's
   * sender) is the right to see when each was acknowledged. Timing and the sender's own type and area only:
   * never who acknowledged, never the police's response.
   */
  @Get()
  @Authorize(Action.Create, 'Disclosure')
  @ApiOperation({
    summary: 'The community concerns the caller’s organization sent, and whether each was acknowledged in time',
  })
  @ApiOkResponse({ type: SentConcernListDto })
  sent(@Auth() auth: AuthContext): Promise<SentConcernListDto> {
    return this.concerns.sent(auth);
  }
}

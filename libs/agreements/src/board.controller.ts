import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditBundle } from '@accord/audit';
import { ApiErrorResponses, UuidParam } from '@accord/http';
import { Action, Auth, type AuthContext, Authorize } from '@accord/policy';
import { AuditBundleDto, AuditSearchResultDto } from './agreement-response.dto';
import { AuditSearchDto } from './board.dto';
import { BoardService } from './board.service';

@ApiTags('board')
@Controller('agreements/:agreementId/audit')
export class BoardController {
  constructor(private readonly board: BoardService) {}

  @Get()
  @Authorize(Action.List, 'AuditEntry')
  @ApiOperation({ summary: "Search the agreement's audit trail (board members of the agreement)" })
  @ApiOkResponse({ type: AuditSearchResultDto })
  @ApiErrorResponses(400, 404)
  search(@Auth() auth: AuthContext, @UuidParam('agreementId') agreementId: string, @Query() query: AuditSearchDto): Promise<AuditSearchResultDto> {
    return this.board.searchAudit(auth, agreementId, query);
  }

  @Get('bundle')
  @Authorize(Action.Export, 'AuditEntry')
  @ApiOperation({ summary: "The agreement's audit chain, checkpoints and public key, to verify offline" })
  @ApiOkResponse({ type: AuditBundleDto })
  @ApiErrorResponses(400, 404)
  bundle(@Auth() auth: AuthContext, @UuidParam('agreementId') agreementId: string): Promise<AuditBundle> {
    return this.board.exportBundle(auth, agreementId);
  }
}

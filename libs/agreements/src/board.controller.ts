import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Action, Auth, type AuthContext, Authorize } from '@accord/policy';
import { AuditSearchDto } from './board.dto';
import { BoardService } from './board.service';

@ApiTags('board')
@Controller('agreements/:agreementId/audit')
export class BoardController {
  constructor(private readonly board: BoardService) {}

  @Get()
  @Authorize(Action.List, 'AuditEntry')
  search(@Auth() auth: AuthContext, @Param('agreementId', new ParseUUIDPipe()) agreementId: string, @Query() query: AuditSearchDto) {
    return this.board.searchAudit(auth, agreementId, query);
  }

  @Get('bundle')
  @Authorize(Action.Export, 'AuditEntry')
  bundle(@Auth() auth: AuthContext, @Param('agreementId', new ParseUUIDPipe()) agreementId: string) {
    return this.board.exportBundle(auth, agreementId);
  }
}

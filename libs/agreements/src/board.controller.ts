import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuditBundle } from '@accord/audit';
import { ApiErrorResponses, UuidParam } from '@accord/http';
import { Action, Auth, type AuthContext, Authorize } from '@accord/policy';
import { AuditBundleDto, AuditSearchResultDto, PartnershipAuditKeyDto } from './agreement-response.dto';
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
  search(
    @Auth() auth: AuthContext,
    @UuidParam('agreementId') agreementId: string,
    @Query() query: AuditSearchDto,
  ): Promise<AuditSearchResultDto> {
    return this.board.searchAudit(auth, agreementId, query);
  }

  @Get('bundle')
  @Authorize(Action.Export, 'AuditEntry')
  @ApiOperation({
    summary: "The agreement's audit chain, checkpoints and public key, to verify offline",
    description:
      "Made for the caller's party: its own organization's entries whole; of the other party's, user ids, " +
      'request ids, addresses and the details the agreement does not release appear only as commitments (the ' +
      'entry hash covers those). Its last entry is signed at export.',
  })
  @ApiOkResponse({ type: AuditBundleDto })
  @ApiErrorResponses(400, 404)
  bundle(@Auth() auth: AuthContext, @UuidParam('agreementId') agreementId: string): Promise<AuditBundle> {
    return this.board.exportBundle(auth, agreementId);
  }

  @Get('public-key')
  @Authorize(Action.Read, 'Agreement')
  @ApiOperation({
    summary: "The partnership's audit public key (the agreement's board and the parties' org admins)",
    description:
      'Verifiers trust this key (`audit:verify --public-key`), not the copy inside a bundle. Its fingerprint ' +
      'is also on the agreement (`auditKey`).',
  })
  @ApiOkResponse({ type: PartnershipAuditKeyDto })
  @ApiErrorResponses(400, 403, 404)
  publicKey(@Auth() auth: AuthContext, @UuidParam('agreementId') agreementId: string): Promise<PartnershipAuditKeyDto> {
    return this.board.publicKey(auth, agreementId);
  }
}

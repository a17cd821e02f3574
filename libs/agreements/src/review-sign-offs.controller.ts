import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiErrorResponses, JSON_BODY_ERRORS, UuidParam } from '@accord/http';
import { Action, Auth, type AuthContext, Authorize } from '@accord/policy';
import { type ReviewSignOffView, ReviewSignOffsService } from './review-sign-offs.service';

export class CreateReviewSignOffDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the reviewed period (inclusive)' })
  @IsDateString()
  from!: string;
  @ApiProperty({ format: 'date-time', description: 'End of the reviewed period (exclusive); at most 366 days on' })
  @IsDateString()
  to!: string;
  @ApiProperty({
    required: false,
    nullable: true,
    type: String,
    maxLength: 2000,
    description: "The board's comments, shown to both parties' boards",
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comments?: string | null;
}

export class ReviewSignOffDto implements ReviewSignOffView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) agreementId!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ format: 'uuid', description: 'The organization whose board member signed (never the person)' })
  orgId!: string;
  @ApiProperty({ type: String, nullable: true }) comments!: string | null;
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
}

export class ReviewSignOffListDto {
  @ApiProperty({ type: () => [ReviewSignOffDto], description: 'Newest first' }) items!: ReviewSignOffDto[];
}

@ApiTags('board')
@Controller('agreements/:agreementId/review-sign-offs')
export class ReviewSignOffsController {
  constructor(private readonly signOffs: ReviewSignOffsService) {}

  @Post()
  @Authorize(Action.Create, 'Report')
  @ApiOperation({ summary: 'Record that the board reviewed the report for a period, with comments (board members)' })
  @ApiCreatedResponse({ type: ReviewSignOffDto })
  @ApiErrorResponses(...JSON_BODY_ERRORS, 404)
  create(
    @Auth() auth: AuthContext,
    @UuidParam('agreementId') agreementId: string,
    @Body() dto: CreateReviewSignOffDto,
  ): Promise<ReviewSignOffDto> {
    return this.signOffs.signOff(auth, agreementId, dto);
  }

  @Get()
  @Authorize(Action.List, 'Report')
  @ApiOperation({ summary: "The agreement's review sign-offs, newest first (board members of either party)" })
  @ApiOkResponse({ type: ReviewSignOffListDto })
  @ApiErrorResponses(400, 404)
  list(@Auth() auth: AuthContext, @UuidParam('agreementId') agreementId: string): Promise<ReviewSignOffListDto> {
    return this.signOffs.list(auth, agreementId);
  }
}

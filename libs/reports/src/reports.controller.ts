import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrorResponses, UuidParam } from '@accord/http';
import { Action, Auth, type AuthContext, Authorize } from '@accord/policy';
import { ReportQueryDto } from './report.dto';
import { AgreementReportDto } from './report-response.dto';
import { type AgreementReport, ReportsService } from './reports.service';

@ApiTags('board')
@Controller('agreements/:agreementId/report')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @Authorize(Action.Read, 'Report')
  @ApiOperation({ summary: "The agreement's report for a period, as JSON or CSV (board members of the agreement)" })
  @ApiExtraModels(AgreementReportDto)
  @ApiOkResponse({
    description: 'JSON by default; `format=csv` answers text/csv (`section,key,value` rows) as a download',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(AgreementReportDto) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiErrorResponses(400, 404)
  async report(
    @Auth() auth: AuthContext,
    @UuidParam('agreementId') agreementId: string,
    @Query() query: ReportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AgreementReport | string> {
    const report = await this.reports.report(auth, agreementId, query.from, query.to);
    if (query.format !== 'csv') return report;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="accord-report-${agreementId}.csv"`);
    return this.reports.toCsv(report);
  }
}

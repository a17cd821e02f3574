import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Action, Auth, type AuthContext, Authorize } from '@accord/policy';
import { ReportQueryDto } from './report.dto';
import { ReportsService } from './reports.service';

@ApiTags('board')
@Controller('agreements/:agreementId/report')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @Authorize(Action.Read, 'Report')
  async report(@Auth() auth: AuthContext, @Param('agreementId', new ParseUUIDPipe()) agreementId: string, @Query() query: ReportQueryDto, @Res({ passthrough: true }) res: Response) {
    const report = await this.reports.report(auth, agreementId, query.from, query.to);
    if (query.format !== 'csv') return report;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="accord-report-${agreementId}.csv"`);
    return this.reports.toCsv(report);
  }
}

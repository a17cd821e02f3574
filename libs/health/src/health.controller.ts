import { Controller, Get, HttpStatus, Inject, Optional, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrorResponses } from '@accord/http';
import { Public } from '@accord/policy';
import { HealthCheckDto, HealthReportDto } from './health-response.dto';
import { HEALTH_INDICATORS, type HealthIndicator, type HealthReport, HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthService,
    @Optional() @Inject(HEALTH_INDICATORS) private readonly indicators: HealthIndicator[] = [],
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Whether this instance can do its job (for load balancers and monitoring)' })
  @ApiExtraModels(HealthCheckDto)
  @ApiOkResponse({ type: HealthReportDto, description: 'ok or degraded' })
  @ApiServiceUnavailableResponse({ type: HealthReportDto, description: 'down: the database is unreachable' })
  @ApiErrorResponses(400)
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report = await this.health.report(this.indicators);
    res.status(report.status === 'down' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK);
    return report;
  }
}

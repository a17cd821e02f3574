import { Controller, Get, HttpStatus, Inject, Optional, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppConfig } from '@accord/config';
import { ApiErrorResponses } from '@accord/http';
import { Public } from '@accord/policy';
import { HealthCheckDto, HealthReportDto } from './health-response.dto';
import { HEALTH_INDICATORS, type HealthIndicator, type HealthReport, HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly config: AppConfig,
    @Optional() @Inject(HEALTH_INDICATORS) private readonly indicators: HealthIndicator[] = [],
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Whether this instance can do its job (for load balancers and monitoring)',
    description:
      'Anyone gets the status; the per-dependency checks only where PUBLIC_DIAGNOSTICS is on (off by default ' +
      'in production).',
  })
  @ApiExtraModels(HealthCheckDto)
  @ApiOkResponse({ type: HealthReportDto, description: 'ok or degraded' })
  @ApiServiceUnavailableResponse({ type: HealthReportDto, description: 'down: the database is unreachable' })
  @ApiErrorResponses(400)
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthReport | Pick<HealthReport, 'status'>> {
    const report = await this.health.report(this.indicators);
    res.status(report.status === 'down' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK);
    // The checks tell an anonymous caller how this installation is built and how it fares (e.g. the
    // age of the oldest unsigned audit entry, which says when sharing happens): off in production.
    return this.config.publicDiagnostics ? report : { status: report.status };
  }
}

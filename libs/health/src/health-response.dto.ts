import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { CheckStatus, HealthReport } from './health.service';

const CHECK_STATUSES: CheckStatus[] = ['up', 'down', 'not_configured', 'stale'];

/** One dependency's check; some carry more (e.g. the audit checkpoint's age). */
export class HealthCheckDto {
  @ApiProperty({ enum: CHECK_STATUSES }) status!: CheckStatus;
  @ApiProperty({ required: false, type: 'integer' }) latencyMs?: number;
  [key: string]: unknown;
}

export class HealthReportDto implements Pick<HealthReport, 'status'>, Partial<Pick<HealthReport, 'checks'>> {
  @ApiProperty({
    enum: ['ok', 'degraded', 'down'],
    description: 'down (503) when the database is unreachable; degraded when Redis or the audit checkpoint is',
  })
  status!: 'ok' | 'degraded' | 'down';

  @ApiProperty({
    type: Object,
    required: false,
    additionalProperties: { $ref: getSchemaPath(HealthCheckDto) },
    description:
      'By name: database, redis, audit checkpoint… Only where PUBLIC_DIAGNOSTICS is on (off by default in production).',
  })
  checks?: Record<string, HealthCheckDto>;
}

import { ApiProperty } from '@nestjs/swagger';
import type { ErrorDetails } from './domain.exception';
import { ErrorCode } from './error-code';
import type { ErrorBody } from './http-exception.filter';

/** The OpenAPI description of `ErrorBody`: what every error answer carries (see HttpExceptionFilter). */
export class ApiErrorDto {
  @ApiProperty({ enum: ErrorCode, enumName: 'ErrorCode', description: 'Machine-readable; clients branch on it' })
  code!: ErrorCode;

  @ApiProperty({ description: 'For people; never carries personal data' })
  message!: string;

  @ApiProperty({
    required: false,
    type: Object,
    additionalProperties: true,
    description:
      'Names fields and rules, never values: `fields` (path and problems) for VALIDATION_FAILED, `findings` ' +
      'for IDENTIFIERS_FOUND, `problems` for SHARING_PARAMETERS_INVALID, …',
  })
  details?: ErrorDetails;

  @ApiProperty({ required: false, description: 'The request id (also in the X-Request-Id header and the logs)' })
  requestId?: string;

  @ApiProperty({
    required: false,
    format: 'uuid',
    description: 'Only on 500: the id under which the failure was logged',
  })
  errorId?: string;
}

export class ApiErrorBodyDto implements ErrorBody {
  @ApiProperty({ type: () => ApiErrorDto })
  error!: ApiErrorDto;
}

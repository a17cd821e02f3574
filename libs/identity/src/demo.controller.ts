import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '@accord/config';
import { ApiErrorResponses, DomainException, ErrorCode } from '@accord/http';
import { Public } from '@accord/policy';
import { Clock } from './clock';
import { DEMO_PASSWORD, demoJourneys, demoTotpCode, isDemoCity } from './demo-city';
import { DemoAccountsDto, DemoCodeDto } from './demo.dto';
import { TOTP_PERIOD_SECONDS, totpStepAt } from './totp';

/**
 * What the sign-in page of the embedded demo city shows, so a newcomer gets in without a second
 * terminal: the demo accounts by journey (the banner's list) and a current code for one.
 * Anywhere else (an external database, tests, production) both answer 404 exactly like a route
 * that does not exist.
 */
@ApiTags('demo')
@Controller('demo/accounts')
export class DemoController {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Demo accounts by journey (embedded demo city only; 404 elsewhere)' })
  @ApiOkResponse({ type: DemoAccountsDto })
  @ApiErrorResponses(404)
  accounts(): DemoAccountsDto {
    this.assertDemoCity();
    return { password: DEMO_PASSWORD, journeys: demoJourneys() };
  }

  @Get(':email/code')
  @Public()
  @ApiOperation({ summary: 'The current TOTP code of a demo account (embedded demo city only; 404 elsewhere)' })
  @ApiParam({ name: 'email', format: 'email' })
  @ApiOkResponse({ type: DemoCodeDto })
  @ApiErrorResponses(404)
  code(@Param('email') email: string): DemoCodeDto {
    this.assertDemoCity();
    const now = this.clock.now().getTime();
    const code = demoTotpCode(email, now);
    if (!code) throw new DomainException(ErrorCode.NotFound, 'Not a demo account');
    return { code, validUntil: new Date((totpStepAt(now) + 1) * TOTP_PERIOD_SECONDS * 1000).toISOString() };
  }

  private assertDemoCity(): void {
    if (!isDemoCity(this.config)) throw new DomainException(ErrorCode.RouteNotFound, 'No such route');
  }
}

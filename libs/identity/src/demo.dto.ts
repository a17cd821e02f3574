import { ApiProperty } from '@nestjs/swagger';
import { Role } from '@accord/policy';
import type { DemoJourney, DemoJourneyAccount, DemoJourneyKey } from './demo-city';

const JOURNEY_KEYS: DemoJourneyKey[] = [
  'police-liaison',
  'outreach-worker',
  'program-manager',
  'org-admin',
  'board-member',
];

export class DemoAccountDto implements DemoJourneyAccount {
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty({ enum: Role, enumName: 'Role' }) role!: Role;
  @ApiProperty({ description: 'The demo organization the account belongs to' }) organization!: string;
}

/** Who to log in as to walk one person's day in the demo city. */
export class DemoJourneyDto implements DemoJourney {
  @ApiProperty({
    enum: JOURNEY_KEYS,
    enumName: 'DemoJourneyKey',
    description: 'A page translates the journey by this key',
  })
  key!: DemoJourneyKey;
  @ApiProperty({ description: 'The journey in English (as the startup banner says it)' }) summary!: string;
  @ApiProperty({ type: () => DemoAccountDto, isArray: true }) accounts!: DemoAccountDto[];
}

export class DemoAccountsDto {
  @ApiProperty({ description: 'The one password of every demo account (public by design: demo data only)' })
  password!: string;
  @ApiProperty({ type: () => DemoJourneyDto, isArray: true }) journeys!: DemoJourneyDto[];
}

export class DemoCodeDto {
  @ApiProperty({ pattern: '^\\d{6}$', description: 'The current 6-digit code of the demo account' }) code!: string;
  @ApiProperty({ format: 'date-time', description: 'When this code’s 30-second step ends' }) validUntil!: string;
}

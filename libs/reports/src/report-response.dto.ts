import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import type { AccountabilityRow, AgreementReport } from './reports.service';
import { type Count, SUPPRESSION_THRESHOLD } from './suppression';

/*
 * The OpenAPI description of the board's report. The classes implement the service's own types,
 * so a field added there and not here fails to compile.
 */

/** A count, or "<3" where a count that small could single out a person or an incident. */
const COUNT = {
  oneOf: [
    { type: 'integer', minimum: 0 },
    { type: 'string', enum: [`<${SUPPRESSION_THRESHOLD}`] },
  ],
  description: `A count; "<${SUPPRESSION_THRESHOLD}" for 1 or 2 (suppressed)`,
} satisfies ApiPropertyOptions;

type Section<K extends keyof AgreementReport> = AgreementReport[K];
type Row<K extends keyof AgreementReport> = Section<K> extends Array<infer R> ? R : never;

export class ShareCountDto implements Row<'shares'> {
  @ApiProperty() category!: string;
  @ApiProperty({ enum: ['police_to_partner', 'partner_to_police'] }) direction!:
    'police_to_partner' | 'partner_to_police';
  @ApiProperty(COUNT) count!: Count;
}

export class WithheldFieldCountDto implements Row<'fieldsWithheld'> {
  @ApiProperty() field!: string;
  @ApiProperty(COUNT) count!: Count;
}

export class DenialCountDto implements Row<'denials'> {
  @ApiProperty() action!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorOrgId!: string | null;
  @ApiProperty(COUNT) count!: Count;
}

export class AcknowledgementSummaryDto implements Section<'acknowledgement'> {
  @ApiProperty(COUNT) delivered!: Count;
  @ApiProperty(COUNT) acknowledged!: Count;
  @ApiProperty({ type: Number, nullable: true }) slaMetPercent!: number | null;
  @ApiProperty({ type: Number, nullable: true }) medianSecondsToAcknowledge!: number | null;
  @ApiProperty({ type: Number, nullable: true }) p90SecondsToAcknowledge!: number | null;
}

export class ResponseSummaryDto implements Section<'responses'> {
  @ApiProperty(COUNT) recorded!: Count;
  @ApiProperty(COUNT) responded!: Count;
}

export class AccountabilityRowDto implements AccountabilityRow {
  @ApiProperty({ enum: ['incident_notification', 'community_concern'] }) category!:
    'incident_notification' | 'community_concern';
  @ApiProperty({ enum: ['police_to_partner', 'partner_to_police'] }) direction!:
    'police_to_partner' | 'partner_to_police';
  @ApiProperty(COUNT) shared!: Count;
  @ApiProperty(COUNT) acknowledged!: Count;
  @ApiProperty({ ...COUNT, description: `Acknowledged within the flow's deadline. ${COUNT.description}` })
  slaMet!: Count;
  @ApiProperty({ ...COUNT, description: `Escalated for want of an acknowledgement. ${COUNT.description}` })
  escalated!: Count;
}

export class StatusCountDto {
  @ApiProperty() status!: string;
  @ApiProperty(COUNT) count!: Count;
}

export class ReasonCountDto {
  @ApiProperty() reason!: string;
  @ApiProperty(COUNT) count!: Count;
}

export class ReferralSummaryDto implements Section<'referrals'> {
  @ApiProperty({
    description:
      'False for the police side of an agreement without a referral_status flow: the partner’s steps are then ' +
      'not shown (both lists empty)',
  })
  stepsReleased!: boolean;
  @ApiProperty({ type: () => [StatusCountDto] }) byStatus!: StatusCountDto[];
  @ApiProperty({ type: () => [ReasonCountDto] }) declineReasons!: ReasonCountDto[];
}

export class SecondaryDisseminationDto implements Section<'secondaryDissemination'> {
  @ApiProperty(COUNT) recorded!: Count;
  @ApiProperty(COUNT) refusedAttempts!: Count;
}

export class UnusualViewDayDto implements Row<'unusualPoliceViewDays'> {
  @ApiProperty({ format: 'date' }) day!: string;
  @ApiProperty(COUNT) reads!: Count;
}

export class PurgeSummaryDto implements Section<'purges'> {
  @ApiProperty(COUNT) runs!: Count;
  @ApiProperty(COUNT) disclosuresPurged!: Count;
}

export class ContentRoleSelfGrantDto implements Row<'contentRoleSelfGrants'> {
  @ApiProperty({ format: 'date' }) day!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) orgId!: string | null;
  @ApiProperty({ description: 'The content roles granted, comma-separated' }) roles!: string;
}

export class AgreementReportDto implements AgreementReport {
  @ApiProperty({ format: 'uuid' }) agreementId!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ type: () => [ShareCountDto] }) shares!: ShareCountDto[];
  @ApiProperty({ type: () => [WithheldFieldCountDto] }) fieldsWithheld!: WithheldFieldCountDto[];
  @ApiProperty({ type: () => [DenialCountDto] }) denials!: DenialCountDto[];
  @ApiProperty({ type: () => AcknowledgementSummaryDto }) acknowledgement!: AcknowledgementSummaryDto;
  @ApiProperty({ type: () => ResponseSummaryDto }) responses!: ResponseSummaryDto;
  @ApiProperty({
    type: () => [AccountabilityRowDto],
    description:
      'Both directions: alerts police → partner and community concerns partner → police (zero under a one-way ' +
      'agreement), shared, acknowledged, within the deadline and escalated',
  })
  accountability!: AccountabilityRowDto[];
  @ApiProperty({ type: () => ReferralSummaryDto }) referrals!: ReferralSummaryDto;
  @ApiProperty({
    type: () => SecondaryDisseminationDto,
    description: 'Forwarding to a third organization: no agreement can allow it',
  })
  secondaryDissemination!: SecondaryDisseminationDto;
  @ApiProperty({ type: () => [UnusualViewDayDto], description: 'Days on which police users read more than usual' })
  unusualPoliceViewDays!: UnusualViewDayDto[];
  @ApiProperty({ type: () => PurgeSummaryDto }) purges!: PurgeSummaryDto;
  @ApiProperty({
    type: () => [ContentRoleSelfGrantDto],
    description:
      'Flagged, never suppressed: an admin of a party with no second admin gave themselves a role that reads ' +
      'shared content',
  })
  contentRoleSelfGrants!: ContentRoleSelfGrantDto[];
}

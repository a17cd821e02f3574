import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { ReviewSignOffDto } from '@accord/agreements';
import type {
  DirectionMeasure,
  DistributionBand,
  MeasureSeries,
  PeriodMeasures,
  SeriesPoint,
  Timing,
} from './measures';
import { DISTRIBUTION_BANDS, MIN_MEDIAN_SAMPLE, MIN_P90_SAMPLE } from './measures';
import type { AccountabilityRow, AgreementReport, SlaTarget } from './reports.service';
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
type MeasureSection<K extends keyof PeriodMeasures> = PeriodMeasures[K];
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

const STEP = {
  oneOf: [
    { type: 'integer', minimum: 0, nullable: true },
    { type: 'string', enum: [`<${SUPPRESSION_THRESHOLD}`] },
  ],
  description: `Null when the partner's steps are not released to the caller's side. ${COUNT.description}`,
} satisfies ApiPropertyOptions;
const SECONDS = (what: string, min: number) =>
  ({
    type: Number,
    nullable: true,
    description: `${what}, whole seconds; null below ${min} values`,
  }) satisfies ApiPropertyOptions;

export class TimingDto implements Timing {
  @ApiProperty({ ...COUNT, description: `How many values the times rest on. ${COUNT.description}` }) sample!: Count;
  @ApiProperty(SECONDS('Median', MIN_MEDIAN_SAMPLE)) medianSeconds!: number | null;
  @ApiProperty(SECONDS('90th percentile', MIN_P90_SAMPLE)) p90Seconds!: number | null;
}

export class TimingsDto implements MeasureSection<'timings'> {
  @ApiProperty({ type: () => TimingDto, description: "Incident (its occurrence) → the alert's share" })
  incidentToShare!: TimingDto;
  @ApiProperty({ type: () => TimingDto, description: "Share → the partner's acknowledgement" })
  shareToAcknowledgement!: TimingDto;
  @ApiProperty({
    type: () => TimingDto,
    nullable: true,
    description: 'Referral sent → first contact attempt; null when the partner’s steps are not released',
  })
  referralToFirstContactAttempt!: TimingDto | null;
}

export class ResponseMeasuresDto implements MeasureSection<'responses'> {
  @ApiProperty({ ...COUNT, description: `Alerts shared in the period (first revisions). ${COUNT.description}` })
  alerts!: Count;
  @ApiProperty(COUNT) recorded!: Count;
  @ApiProperty({ type: Number, nullable: true, description: 'recorded / alerts, one decimal; null below 3 alerts' })
  recordedPercent!: number | null;
  @ApiProperty(COUNT) responded!: Count;
  @ApiProperty(COUNT) stays!: Count;
  @ApiProperty({ type: Number, nullable: true, description: 'Sum of start → end, whole seconds; null below 3 stays' })
  stayTotalSeconds!: number | null;
  @ApiProperty(SECONDS('Median stay', MIN_MEDIAN_SAMPLE)) stayMedianSeconds!: number | null;
  @ApiProperty(COUNT) walks!: Count;
  @ApiProperty({ ...COUNT, description: `Walks started within 24 h of the incident. ${COUNT.description}` })
  walksWithin24h!: Count;
  @ApiProperty(COUNT) followUpsDue!: Count;
  @ApiProperty(COUNT) followUpsDoneOnTime!: Count;
  @ApiProperty(COUNT) followUpsDoneLate!: Count;
  @ApiProperty(COUNT) followUpsOverdue!: Count;
}

export class TimeInStateDto {
  @ApiProperty() status!: string;
  @ApiProperty(COUNT) stays!: Count;
  @ApiProperty(SECONDS('Median time in the state', MIN_MEDIAN_SAMPLE)) medianSeconds!: number | null;
}

export class ReferralMeasuresDto implements MeasureSection<'referrals'> {
  @ApiProperty() stepsReleased!: boolean;
  @ApiProperty(COUNT) sent!: Count;
  @ApiProperty(COUNT) retracted!: Count;
  @ApiProperty(STEP) accepted!: Count | null;
  @ApiProperty(STEP) declined!: Count | null;
  @ApiProperty({ type: () => [ReasonCountDto] }) declinedByReason!: ReasonCountDto[];
  @ApiProperty(STEP) contactAttempted!: Count | null;
  @ApiProperty(STEP) engaged!: Count | null;
  @ApiProperty(STEP) unableToReach!: Count | null;
  @ApiProperty(STEP) refusedServices!: Count | null;
  @ApiProperty(STEP) closed!: Count | null;
  @ApiProperty({ type: () => [TimeInStateDto] }) timeInState!: TimeInStateDto[];
}

export class SafeguardMeasuresDto implements MeasureSection<'safeguards'> {
  @ApiProperty(COUNT) denials!: Count;
  @ApiProperty(COUNT) refusedForwardingAttempts!: Count;
  @ApiProperty(COUNT) identifierRefusals!: Count;
  @ApiProperty(COUNT) redactedShares!: Count;
  @ApiProperty(COUNT) redactions!: Count;
  @ApiProperty(COUNT) disclosuresPurged!: Count;
  @ApiProperty(COUNT) legalHoldsSet!: Count;
  @ApiProperty(COUNT) legalHoldsLifted!: Count;
  @ApiProperty({ type: 'integer', minimum: 0 }) legalHoldsInForceAtEnd!: number;
}

export class DirectionMeasureDto implements DirectionMeasure {
  @ApiProperty({ enum: ['incident_notification', 'referral', 'community_concern', 'referral_status'] })
  category!: DirectionMeasure['category'];
  @ApiProperty({ enum: ['police_to_partner', 'partner_to_police'] }) direction!: DirectionMeasure['direction'];
  @ApiProperty(COUNT) shared!: Count;
  @ApiProperty(COUNT) acknowledged!: Count;
  @ApiProperty(COUNT) acknowledgedInTime!: Count;
  @ApiProperty(COUNT) escalated!: Count;
  @ApiProperty(SECONDS('Median time to acknowledge', MIN_MEDIAN_SAMPLE)) medianSecondsToAcknowledge!: number | null;
}

export class DistributionBandDto implements DistributionBand {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: `Upper bound of the band in seconds (${DISTRIBUTION_BANDS.join(', ')}); null: the rest`,
  })
  upToSeconds!: number | null;
  @ApiProperty(COUNT) count!: Count;
}

export class DistributionsDto implements MeasureSection<'distributions'> {
  @ApiProperty({ type: () => [DistributionBandDto] }) incidentToShare!: DistributionBandDto[];
  @ApiProperty({ type: () => [DistributionBandDto] }) shareToAcknowledgement!: DistributionBandDto[];
  @ApiProperty({ type: () => [DistributionBandDto], description: 'Empty when the partner’s steps are not released' })
  referralToFirstContactAttempt!: DistributionBandDto[];
}

export class PeriodMeasuresDto implements PeriodMeasures {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ type: () => TimingsDto }) timings!: TimingsDto;
  @ApiProperty({ type: () => ResponseMeasuresDto }) responses!: ResponseMeasuresDto;
  @ApiProperty({ type: () => ReferralMeasuresDto }) referrals!: ReferralMeasuresDto;
  @ApiProperty({ type: () => SafeguardMeasuresDto }) safeguards!: SafeguardMeasuresDto;
  @ApiProperty({ type: () => [DirectionMeasureDto] }) directions!: DirectionMeasureDto[];
  @ApiProperty({
    type: () => DistributionsDto,
    description: 'The timings’ values counted in fixed bands, for distribution charts (each count suppressed)',
  })
  distributions!: DistributionsDto;
}

export class SeriesPointDto implements SeriesPoint {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty(COUNT) alerts!: Count;
  @ApiProperty(COUNT) acknowledged!: Count;
  @ApiProperty(COUNT) acknowledgedInTime!: Count;
  @ApiProperty(SECONDS('Median time to acknowledge', MIN_MEDIAN_SAMPLE)) medianSecondsToAcknowledge!: number | null;
  @ApiProperty(COUNT) responsesRecorded!: Count;
  @ApiProperty(COUNT) walksWithin24h!: Count;
  @ApiProperty(COUNT) concerns!: Count;
  @ApiProperty(COUNT) referralsSent!: Count;
  @ApiProperty(STEP) referralsEngaged!: Count | null;
}

export class MeasureSeriesDto implements MeasureSeries {
  @ApiProperty({ enum: ['week', 'month'] }) interval!: 'week' | 'month';
  @ApiProperty({ type: () => [SeriesPointDto] }) points!: SeriesPointDto[];
}

export class SlaTargetDto implements SlaTarget {
  @ApiProperty() category!: string;
  @ApiProperty({ enum: ['police_to_partner', 'partner_to_police'] }) direction!: SlaTarget['direction'];
  @ApiProperty({ description: 'Acknowledge within this many hours' }) hours!: number;
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
  @ApiProperty({ type: () => [SlaTargetDto], description: 'The acknowledgement deadlines of the version in force' })
  slaTargets!: SlaTargetDto[];
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Hours to acknowledge an alert (police → partner) under the version in force; the charts draw it',
  })
  slaTargetHours!: number | null;
  @ApiProperty({ type: () => PeriodMeasuresDto }) measures!: PeriodMeasuresDto;
  @ApiProperty({
    type: () => PeriodMeasuresDto,
    description: 'The same measures over the period of the same length just before',
  })
  previous!: PeriodMeasuresDto;
  @ApiProperty({ type: () => MeasureSeriesDto }) series!: MeasureSeriesDto;
  @ApiProperty(COUNT) consentExpiringWithin30Days!: Count;
  @ApiProperty({ type: () => ReviewSignOffDto, nullable: true }) lastSignOff!: ReviewSignOffDto | null;
}

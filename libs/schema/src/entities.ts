/**
 * Every entity of every lib. The data source below is shared by Nest, the TypeORM CLI and the
 * tests, so a lib's table is registered by adding its entities here. Each lib exports its entities
 * from a second entry point (`@accord/entities/<lib>`) that few files may import
 * (eslint-boundaries.mjs): other libs go through the owner's service.
 */
import { OutboxJob } from '@accord/entities/jobs';
import { AuditCheckpointEntity, AuditEntryEntity } from '@accord/entities/audit';
import { EnrollmentToken, LoginThrottleCounter, Organization, Session, User } from '@accord/entities/identity';
import { Agreement, AgreementApproval, AgreementVersion, LegalHold, ReviewSignOff } from '@accord/entities/agreements';
import {
  Disclosure,
  DisclosureResponse,
  InboxAssignment,
  InboxEntry,
  Incident,
  ServiceArea,
} from '@accord/entities/sharing';
import { NotificationSend, OrgWebhook } from '@accord/entities/channels';
import { Referral, ReferralNote } from '@accord/entities/referrals';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ENTITIES: Function[] = [
  OutboxJob,
  AuditEntryEntity,
  AuditCheckpointEntity,
  Organization,
  User,
  Session,
  EnrollmentToken,
  LoginThrottleCounter,
  Agreement,
  AgreementVersion,
  AgreementApproval,
  Incident,
  Disclosure,
  InboxEntry,
  InboxAssignment,
  DisclosureResponse,
  ServiceArea,
  OrgWebhook,
  NotificationSend,
  LegalHold,
  ReviewSignOff,
  Referral,
  ReferralNote,
];

/**
 * Every entity of every lib. The data source below is shared by Nest, the TypeORM CLI and the
 * tests, so a lib's table is registered by adding its entities here.
 */
import { OutboxJob } from '@accord/jobs';
import { AuditCheckpointEntity, AuditEntryEntity } from '@accord/audit';
import { EnrollmentToken, LoginThrottleCounter, Organization, Session, User } from '@accord/identity';
import { Agreement, AgreementApproval, AgreementVersion, LegalHold } from '@accord/agreements';
import { Disclosure, DisclosureResponse, InboxAssignment, InboxEntry, Incident } from '@accord/sharing';
import { NotificationSend, OrgWebhook } from '@accord/channels';
import { Referral, ReferralNote } from '@accord/referrals';

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
  OrgWebhook,
  NotificationSend,
  LegalHold,
  Referral,
  ReferralNote,
];

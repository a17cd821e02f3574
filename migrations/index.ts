import { CreateApplicationRole1763900000000 } from './1763900000000-CreateApplicationRole';
import { CreateAuditTrail1763900100000 } from './1763900100000-CreateAuditTrail';
import { CreateOutbox1763900200000 } from './1763900200000-CreateOutbox';
import { CreateIdentity1763900400000 } from './1763900400000-CreateIdentity';
import { CreateAgreements1763900500000 } from './1763900500000-CreateAgreements';
import { CreateSharing1763900600000 } from './1763900600000-CreateSharing';
import { CreateLegalHolds1763900800000 } from './1763900800000-CreateLegalHolds';
import { CreateNotificationChannels1763900700000 } from './1763900700000-CreateNotificationChannels';
import { CreateReferrals1763900900000 } from './1763900900000-CreateReferrals';
import { AddReferralRetention1763901000000 } from './1763901000000-AddReferralRetention';
import { AddUserDisplayName1763901100000 } from './1763901100000-AddUserDisplayName';
import { CreateInboxAssignments1763901200000 } from './1763901200000-CreateInboxAssignments';
import { AuditTrailV21796600376671 } from './1796600376671-AuditTrailV2';
import { OutboxOwedUntilDone1796601372100 } from './1796601372100-OutboxOwedUntilDone';
import { SealIncidents1796602544622 } from './1796602544622-SealIncidents';
import { DisclosureRevisions1796603000000 } from './1796603000000-DisclosureRevisions';
import { IncidentsByOccurrence1796603100000 } from './1796603100000-IncidentsByOccurrence';
import { CreateReviewSignOffs1796603300000 } from './1796603300000-CreateReviewSignOffs';
import { CreateServiceAreas1796603500000 } from './1796603500000-CreateServiceAreas';
import { ReportAndAuditSearchIndexes1796603900000 } from './1796603900000-ReportAndAuditSearchIndexes';
import { AccountAndWebhookHistories1796604000000 } from './1796604000000-AccountAndWebhookHistories';
import { SealAuditEntriesAtCommit1796604100000 } from './1796604100000-SealAuditEntriesAtCommit';

/** Every migration, oldest first. A new migration file is added here in the same commit. */
export const MIGRATIONS = [
  CreateApplicationRole1763900000000,
  CreateAuditTrail1763900100000,
  CreateOutbox1763900200000,
  CreateIdentity1763900400000,
  CreateAgreements1763900500000,
  CreateSharing1763900600000,
  CreateNotificationChannels1763900700000,
  CreateLegalHolds1763900800000,
  CreateReferrals1763900900000,
  AddReferralRetention1763901000000,
  AddUserDisplayName1763901100000,
  CreateInboxAssignments1763901200000,
  AuditTrailV21796600376671,
  OutboxOwedUntilDone1796601372100,
  SealIncidents1796602544622,
  DisclosureRevisions1796603000000,
  IncidentsByOccurrence1796603100000,
  CreateReviewSignOffs1796603300000,
  CreateServiceAreas1796603500000,
  ReportAndAuditSearchIndexes1796603900000,
  AccountAndWebhookHistories1796604000000,
  SealAuditEntriesAtCommit1796604100000,
];

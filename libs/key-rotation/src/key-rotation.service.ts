import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, SYSTEM_STREAM } from '@accord/audit';
import { WebhookSecretResealing } from '@accord/channels';
import { inTransaction } from '@accord/database';
import { addCounts, type ResealCounts, type ResealStep, SecretBox, TotpResealing } from '@accord/identity';
import { JobHandler, JobName } from '@accord/jobs';
import { ReferralResealing } from '@accord/referrals';
import { SharingResealing } from '@accord/sharing';

/**
 * The re-encryption pass of a key rotation (`rotate-keys`, or the job `retention.reencrypt`):
 * after a new key is put first in the ring, each owner reseals what it sealed, in its own tables,
 * and this only runs their steps in turn and records the pass. Every step is idempotent, so a
 * re-run (after a failure midway) finishes the work and a second run answers zeros.
 */
@Injectable()
export class KeyRotationService {
  private readonly logger = new Logger('KeyRotation');
  private readonly steps: readonly ResealStep[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly box: SecretBox,
    totpSeeds: TotpResealing,
    webhookSecrets: WebhookSecretResealing,
    referrals: ReferralResealing,
    sharing: SharingResealing,
  ) {
    // Secrets first: they are what people need to sign in and receivers to check signatures.
    this.steps = [totpSeeds, webhookSecrets, referrals, sharing];
  }

  /** Runs every owner's reseal step, then records the pass; answers the rows resealed, by kind. */
  @JobHandler(JobName.ReencryptPersonalData)
  async rotate(): Promise<ResealCounts> {
    const each: ResealCounts[] = [];
    for (const step of this.steps) {
      const counts = await step.run();
      this.logger.log({ event: 'keys.reseal.step', step: step.name, keyId: this.box.keyId, ...counts });
      each.push(counts);
    }
    const counts = addCounts(each);
    // The pass keeps the audit action it always had, so a trail read across the change stays one series.
    await inTransaction(this.dataSource, (tx) =>
      this.audit.record(tx, {
        stream: SYSTEM_STREAM,
        actor: { userId: null, orgId: null, roles: [] },
        action: 'referral.reencrypt',
        subjectType: 'Referral',
        subjectId: null,
        outcome: 'success',
        details: { keyId: this.box.keyId, ...counts },
      }),
    );
    this.logger.log({ event: 'referral.reencrypt', keyId: this.box.keyId, ...counts });
    return counts;
  }
}

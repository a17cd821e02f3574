import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Delivered } from './delivery-announcements';

/** A delivery still inside its transaction: what `Delivered` says, and the organization that received it. */
export interface DeliveredInTransaction extends Delivered {
  recipientOrgId: string;
}

export type DeliveryFollowUp = (tx: EntityManager, delivered: DeliveredInTransaction) => Promise<void>;

/**
 * What follows a delivery inside its transaction: today the channels' outbox jobs (libs/channels
 * registers here, so sharing need not know about e-mail or webhooks). A follower asks for its job
 * only when its channel has work, because each outbox job costs several statements even when its
 * handler finds nothing to do (issue 17: CPU per share).
 *
 * Unlike DeliveryAnnouncements, a follower is part of the record: its job commits with the
 * delivery, and its failure rolls the delivery back (the delivery job retries it).
 */
@Injectable()
export class DeliveryFollowUps {
  private readonly followUps: DeliveryFollowUp[] = [];

  register(followUp: DeliveryFollowUp): void {
    this.followUps.push(followUp);
  }

  /** One after the other: the followers share the transaction's one connection. */
  async run(tx: EntityManager, delivered: DeliveredInTransaction): Promise<void> {
    for (const followUp of this.followUps) await followUp(tx, delivered);
  }
}

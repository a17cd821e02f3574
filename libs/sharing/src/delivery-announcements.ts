import { Injectable, Logger } from '@nestjs/common';

/** A delivery that just committed in this process: its disclosure and the users it put it in front of. */
export interface Delivered {
  disclosureId: string;
  category: string;
  userIds: string[];
}

export type DeliveryListener = (delivered: Delivered) => Promise<void>;

/**
 * What this process does the moment a delivery commits, before any job could: today the live
 * stream's event (libs/notify listens here, so sharing need not know about streams). Going
 * through the outbox instead costs a second relay and queue trip on the way to the outreach
 * worker's phone (issue 17: share → event latency).
 *
 * Nothing here is the record. The delivery also enqueues the same work as a delayed outbox job
 * (`fallback`), so a listener that fails, or a process that dies between the commit and this
 * call, only makes the event late; the listener makes the fallback a no-op once it has run.
 */
@Injectable()
export class DeliveryAnnouncements {
  private readonly logger = new Logger('DeliveryAnnouncements');
  private readonly listeners: DeliveryListener[] = [];

  listen(listener: DeliveryListener): void {
    this.listeners.push(listener);
  }

  /** Runs every listener; never throws (their failures are left to the fallback job). */
  async delivered(delivered: Delivered): Promise<void> {
    await Promise.all(
      this.listeners.map((listener) =>
        listener(delivered).catch((error: unknown) =>
          this.logger.warn({
            event: 'delivery.announcement-failed',
            disclosureId: delivered.disclosureId,
            error: error instanceof Error ? error.name : 'unknown',
          }),
        ),
      ),
    );
  }
}

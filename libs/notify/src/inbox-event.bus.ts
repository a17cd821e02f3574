import type { InboxEvent } from './inbox-event';

export type InboxEventListener = (event: InboxEvent) => void;

/**
 * Fan-out of inbox events to the open streams of a user, wherever they are. With Redis it goes
 * through pub/sub, so the worker (or any API instance) publishes and every API instance holding a
 * stream of that user receives; without Redis, everything runs in one process and an
 * EventEmitter does. Delivery is at most once per publish: a stream that is not open misses the
 * event, and the inbox list remains the record.
 */
export abstract class InboxEventBus {
  abstract publish(userId: string, event: InboxEvent): Promise<void>;

  /**
   * Remembers, for every process on this bus and for ANNOUNCED_TTL_MS, that the event of a
   * delivery went out, so the delivery's fallback job does not send it again.
   */
  abstract markAnnounced(disclosureId: string): Promise<void>;

  abstract wasAnnounced(disclosureId: string): Promise<boolean>;

  /** Resolves once events for `userId` will reach `listener`; the returned function stops them. */
  abstract subscribe(userId: string, listener: InboxEventListener): Promise<() => Promise<void>>;
}

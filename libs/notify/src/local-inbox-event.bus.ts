import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { ANNOUNCED_TTL_MS, type InboxEvent } from './inbox-event';
import { InboxEventBus, type InboxEventListener } from './inbox-event.bus';

/** The bus without Redis: the jobs run in this process (the outbox runner), and so do the streams. */
export class LocalInboxEventBus extends InboxEventBus {
  private readonly logger = new Logger('InboxEventBus');
  private readonly emitter = new EventEmitter();
  /** Announced deliveries and when they are forgotten, oldest first (Map keeps insertion order). */
  private readonly announced = new Map<string, number>();

  constructor() {
    super();
    // One listener per open stream; hundreds are normal, not a leak.
    this.emitter.setMaxListeners(0);
  }

  async publish(userId: string, event: InboxEvent): Promise<void> {
    this.emitter.emit(userId, { ...event });
  }

  async markAnnounced(disclosureId: string): Promise<void> {
    const now = Date.now();
    for (const [id, until] of this.announced) {
      if (until > now) break;
      this.announced.delete(id);
    }
    this.announced.set(disclosureId, now + ANNOUNCED_TTL_MS);
  }

  async wasAnnounced(disclosureId: string): Promise<boolean> {
    return (this.announced.get(disclosureId) ?? 0) > Date.now();
  }

  async subscribe(userId: string, listener: InboxEventListener): Promise<() => Promise<void>> {
    const safe = (event: InboxEvent) => {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({
          event: 'inbox-event.listener-failed',
          error: error instanceof Error ? error.name : 'unknown',
        });
      }
    };
    this.emitter.on(userId, safe);
    return async () => {
      this.emitter.off(userId, safe);
    };
  }
}

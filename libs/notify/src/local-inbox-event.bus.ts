import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import type { InboxEvent } from './inbox-event';
import { InboxEventBus, type InboxEventListener } from './inbox-event.bus';

/** The bus without Redis: the jobs run in this process (the outbox runner), and so do the streams. */
export class LocalInboxEventBus extends InboxEventBus {
  private readonly logger = new Logger('InboxEventBus');
  private readonly emitter = new EventEmitter();

  constructor() {
    super();
    // One listener per open stream; hundreds are normal, not a leak.
    this.emitter.setMaxListeners(0);
  }

  async publish(userId: string, event: InboxEvent): Promise<void> {
    this.emitter.emit(userId, { ...event });
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

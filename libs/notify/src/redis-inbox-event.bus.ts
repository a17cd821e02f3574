import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { withTimeout } from '@accord/http';
import { ANNOUNCED_TTL_MS, announcedKey, inboxChannel, type InboxEvent, parseInboxEvent } from './inbox-event';
import { InboxEventBus, type InboxEventListener } from './inbox-event.bus';

/** How long opening a stream waits for Redis to confirm the subscription before answering 503. */
export const INBOX_SUBSCRIBE_TIMEOUT_MS = 5_000;

interface ChannelSubscription {
  listeners: Set<InboxEventListener>;
  ready: Promise<void>;
}

/**
 * The bus through Redis pub/sub: one channel per user under REDIS_KEY_PREFIX, one subscriber
 * connection per process (opened at the first stream, so a worker that only publishes holds
 * none), subscribed to exactly the users with an open stream here. ioredis re-subscribes after a
 * reconnect by itself; events published during an outage are lost (pub/sub keeps nothing), which
 * is acceptable because the stream only says "look at your inbox" and the inbox is in PostgreSQL.
 */
export class RedisInboxEventBus extends InboxEventBus implements OnApplicationShutdown {
  private readonly logger = new Logger('InboxEventBus');
  private publisher?: Redis;
  private subscriber?: Redis;
  private readonly channels = new Map<string, ChannelSubscription>();
  private readonly channelStart: string;
  private failing = false;

  constructor(
    private readonly url: string,
    private readonly prefix: string,
  ) {
    super();
    this.channelStart = inboxChannel(prefix, '');
  }

  async publish(userId: string, event: InboxEvent): Promise<void> {
    this.publisher ??= this.connect('publisher', { maxRetriesPerRequest: 2 });
    await this.publisher.publish(
      inboxChannel(this.prefix, userId),
      JSON.stringify({ disclosureId: event.disclosureId, category: event.category }),
    );
  }

  async markAnnounced(disclosureId: string): Promise<void> {
    this.publisher ??= this.connect('publisher', { maxRetriesPerRequest: 2 });
    await this.publisher.set(announcedKey(this.prefix, disclosureId), '1', 'PX', ANNOUNCED_TTL_MS);
  }

  async wasAnnounced(disclosureId: string): Promise<boolean> {
    this.publisher ??= this.connect('publisher', { maxRetriesPerRequest: 2 });
    return (await this.publisher.exists(announcedKey(this.prefix, disclosureId))) === 1;
  }

  async subscribe(userId: string, listener: InboxEventListener): Promise<() => Promise<void>> {
    const subscriber = this.subscriberConnection();
    let subscription = this.channels.get(userId);
    if (!subscription) {
      const channel = inboxChannel(this.prefix, userId);
      const ready = withTimeout(
        subscriber.subscribe(channel),
        INBOX_SUBSCRIBE_TIMEOUT_MS,
        'Redis did not confirm the subscription in time',
      ).then(() => undefined);
      subscription = { listeners: new Set(), ready };
      this.channels.set(userId, subscription);
      const created = subscription;
      ready.catch(() => {
        // Forget the failed attempt so the next stream tries again; the queued SUBSCRIBE, if Redis
        // later runs it, is undone by the UNSUBSCRIBE queued behind it.
        if (this.channels.get(userId) === created) this.channels.delete(userId);
        subscriber.unsubscribe(channel).catch(() => undefined);
      });
    }
    subscription.listeners.add(listener);
    try {
      await subscription.ready;
    } catch (error) {
      subscription.listeners.delete(listener);
      throw error;
    }
    const held = subscription;
    return async () => {
      held.listeners.delete(listener);
      if (held.listeners.size > 0 || this.channels.get(userId) !== held) return;
      this.channels.delete(userId);
      // Commands on one connection run in order, so a SUBSCRIBE issued after this one wins.
      await subscriber.unsubscribe(inboxChannel(this.prefix, userId)).catch(() => undefined);
    };
  }

  /** Users with an open stream in this process (for tests and diagnostics). */
  get subscribedUsers(): number {
    return this.channels.size;
  }

  async onApplicationShutdown(): Promise<void> {
    this.channels.clear();
    await Promise.all(
      [this.publisher, this.subscriber].map((connection) => (connection ? close(connection) : undefined)),
    );
    this.publisher = undefined;
    this.subscriber = undefined;
  }

  private subscriberConnection(): Redis {
    if (this.subscriber) return this.subscriber;
    const subscriber = this.connect('subscriber', {});
    subscriber.on('message', (channel: string, message: string) => {
      if (!channel.startsWith(this.channelStart)) return;
      const subscription = this.channels.get(channel.slice(this.channelStart.length));
      const event = subscription ? parseInboxEvent(message) : null;
      if (!subscription || !event) return;
      for (const listener of subscription.listeners) {
        try {
          listener(event);
        } catch (error) {
          this.logger.error({
            event: 'inbox-event.listener-failed',
            error: error instanceof Error ? error.name : 'unknown',
          });
        }
      }
    });
    this.subscriber = subscriber;
    return subscriber;
  }

  private connect(role: 'publisher' | 'subscriber', options: { maxRetriesPerRequest?: number }): Redis {
    const connection = new Redis(this.url, { ...options, connectionName: `accord-inbox-${role}` });
    // The URL may hold a password: log the error's kind only, once per outage.
    connection.on('error', (error: Error) => {
      if (this.failing) return;
      this.failing = true;
      this.logger.warn({ event: 'inbox-event.redis-unavailable', role, error: error.name });
    });
    connection.on('ready', () => {
      if (this.failing) this.logger.log({ event: 'inbox-event.redis-back', role });
      this.failing = false;
    });
    return connection;
  }
}

/** QUIT when Redis answers; otherwise (down, reconnecting) a QUIT would wait in the offline queue forever. */
async function close(connection: Redis): Promise<void> {
  if (connection.status !== 'ready') {
    connection.disconnect();
    return;
  }
  await withTimeout(connection.quit(), 1_000).catch(() => connection.disconnect());
}

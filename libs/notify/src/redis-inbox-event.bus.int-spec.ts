import { randomUUID } from 'node:crypto';
import { clearRedisPrefix, TEST_REDIS_URL, testRedisPrefix } from '@accord/testing';
import type { InboxEvent } from './inbox-event';
import { LocalInboxEventBus } from './local-inbox-event.bus';
import { INBOX_SUBSCRIBE_TIMEOUT_MS, RedisInboxEventBus } from './redis-inbox-event.bus';

const until = async (probe: () => boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('RedisInboxEventBus (real Redis)', () => {
  const prefix = testRedisPrefix('inboxbus');
  const publisher = new RedisInboxEventBus(TEST_REDIS_URL, prefix);
  const instanceA = new RedisInboxEventBus(TEST_REDIS_URL, prefix);
  const instanceB = new RedisInboxEventBus(TEST_REDIS_URL, prefix);

  afterAll(async () => {
    await Promise.all([publisher, instanceA, instanceB].map((bus) => bus.onApplicationShutdown()));
    await clearRedisPrefix(prefix);
  });

  it('reaches every stream of the user on every instance, and no other user', async () => {
    const user = randomUUID();
    const other = randomUUID();
    const seen: string[] = [];
    const offA = await instanceA.subscribe(user, () => seen.push('a1'));
    const offA2 = await instanceA.subscribe(user, () => seen.push('a2'));
    const offB = await instanceB.subscribe(user, () => seen.push('b'));
    const offOther = await instanceB.subscribe(other, () => seen.push('other'));
    const event: InboxEvent = { disclosureId: randomUUID(), category: 'incident_notification' };
    await publisher.publish(user, event);
    await until(() => seen.length >= 3);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.sort()).toEqual(['a1', 'a2', 'b']);
    expect(instanceA.subscribedUsers).toBe(1);
    await Promise.all([offA(), offA2(), offB(), offOther()]);
    expect(instanceA.subscribedUsers).toBe(0);
    expect(instanceB.subscribedUsers).toBe(0);
  });

  it('stops delivering after the last stream of a user closes, and resumes for a new one', async () => {
    const user = randomUUID();
    const seen: string[] = [];
    const off = await instanceA.subscribe(user, (e) => seen.push(`first:${e.disclosureId}`));
    await off();
    await publisher.publish(user, { disclosureId: randomUUID(), category: 'referral' });
    const again = await instanceA.subscribe(user, (e) => seen.push(`second:${e.disclosureId}`));
    const id = randomUUID();
    await publisher.publish(user, { disclosureId: id, category: 'referral' });
    await until(() => seen.length >= 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual([`second:${id}`]);
    await again();
  });
});

describe('LocalInboxEventBus', () => {
  it('delivers in-process to the user’s listeners until they unsubscribe', async () => {
    const bus = new LocalInboxEventBus();
    const seen: InboxEvent[] = [];
    const off = await bus.subscribe('u1', (e) => seen.push(e));
    await bus.publish('u1', { disclosureId: 'd1', category: 'referral' });
    await bus.publish('u2', { disclosureId: 'd2', category: 'referral' });
    await off();
    await bus.publish('u1', { disclosureId: 'd3', category: 'referral' });
    expect(seen).toEqual([{ disclosureId: 'd1', category: 'referral' }]);
  });
});

describe('RedisInboxEventBus without Redis', () => {
  it('refuses a subscription within the timeout instead of hanging the stream', async () => {
    const bus = new RedisInboxEventBus('redis://127.0.0.1:1', 'accord_unreachable');
    try {
      const started = Date.now();
      await expect(bus.subscribe(randomUUID(), () => undefined)).rejects.toThrow(/did not confirm/);
      expect(Date.now() - started).toBeLessThan(INBOX_SUBSCRIBE_TIMEOUT_MS + 2_000);
      expect(bus.subscribedUsers).toBe(0);
    } finally {
      await bus.onApplicationShutdown();
    }
  }, 15_000);
});

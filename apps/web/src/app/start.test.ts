import { InfiniteQueryObserver, QueryObserver } from '@tanstack/react-query';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { inboxListQuery } from '@/features/inbox/api/inbox-api';
import { inboxKeys } from '@/features/inbox/api/inbox-keys';
import { createQueryClient } from '@/lib/query-client';
import { sessionKeys, sessionQuery } from '@/lib/session';
import { earlyRequests } from './early-requests.mjs';
import { sessionGate } from './session-gate';
import { startEarly } from './start';

/** The API as the browser reaches it: each request waits until the test answers it. */
const wire = vi.hoisted(() => {
  const pending: { path: string; answer: (status: number, body: unknown) => void }[] = [];
  const asked: string[] = [];
  const fetch = (request: Request) =>
    new Promise<Response>((resolve) => {
      const url = new URL(request.url);
      asked.push(url.pathname + url.search);
      pending.push({
        path: url.pathname + url.search,
        answer: (status, body) =>
          resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })),
      });
    });
  /** Answers the waiting request for `path` (it must have been asked). */
  const answer = (path: string, status: number, body: unknown) => {
    const at = pending.findIndex((request) => request.path === path);
    if (at < 0) throw new Error(`nothing asked for ${path}; asked: ${asked.join(', ')}`);
    pending.splice(at, 1)[0]!.answer(status, body);
  };
  return { pending, asked, fetch, answer };
});

vi.mock('@/api/client', async () => {
  const { default: createClient } = await import('openapi-fetch');
  return { api: createClient({ baseUrl: 'http://accord.test', fetch: wire.fetch }) };
});

const ME = '/api/v1/me';
const WAITING = '/api/v1/inbox?filter=unacknowledged&limit=100';
const RECENT = '/api/v1/inbox?filter=all&limit=25';
const WORKER = { userId: 'u1', email: 'worker@outreach.test', orgId: 'o1', roles: ['outreach_worker'] };
const EMPTY_PAGE = { items: [], nextCursor: null };
const UNAUTHENTICATED = { error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } };

/** Lets every request and answer under way go as far as it can. */
const settle = () => new Promise((done) => setTimeout(done, 0));

/** What the inbox screen does when it mounts: its two lists' queries, as `useInboxList` runs them. */
function mountInboxScreen(client: ReturnType<typeof createQueryClient>) {
  const observers = (['unacknowledged', 'all'] as const).map(
    (filter) => new InfiniteQueryObserver(client, inboxListQuery(filter, 60_000)),
  );
  const unsubscribe = observers.map((observer) => observer.subscribe(() => undefined));
  return {
    lists: () => observers.map((observer) => observer.getCurrentResult()),
    unmount: () => unsubscribe.forEach((stop) => stop()),
  };
}

describe('startEarly: the app opening on /inbox', () => {
  const sessionEnded = vi.fn();
  let client: ReturnType<typeof createQueryClient>;

  beforeEach(() => {
    wire.pending.length = 0;
    wire.asked.length = 0;
    sessionEnded.mockReset();
    client = createQueryClient(sessionEnded);
  });

  it('asks for the inbox lists beside GET /me, before its answer, and the screen asks for nothing again', async () => {
    startEarly(client, '/inbox');
    await settle();
    // All three out at once: nothing has been answered yet.
    expect([...wire.asked].sort()).toEqual([RECENT, WAITING, ME].sort());
    // The very requests the API announces in the HTML it serves for /inbox, so the browser's preloads are used.
    expect([...earlyRequests()['/inbox']!].sort()).toEqual([...wire.asked].sort());

    wire.answer(ME, 200, WORKER);
    wire.answer(WAITING, 200, EMPTY_PAGE);
    wire.answer(RECENT, 200, EMPTY_PAGE);
    await settle();
    // The session check (RequireSession) and then the inbox screen mount on the answers already there.
    const session = new QueryObserver(client, sessionQuery(client));
    const stopSession = session.subscribe(() => undefined);
    expect(sessionGate(session.getCurrentResult())).toBe('page');
    const screen = mountInboxScreen(client);
    await settle();
    expect(screen.lists().map((list) => list.data?.pages)).toEqual([[EMPTY_PAGE], [EMPTY_PAGE]]);
    expect(wire.asked).toHaveLength(3);
    screen.unmount();
    stopSession();
  });

  it('lets a screen that mounts while the lists are on their way wait for those requests, not ask again', async () => {
    startEarly(client, '/inbox/');
    await settle();
    const inboxRequests = () => wire.asked.filter((path) => path.startsWith('/api/v1/inbox'));
    expect(inboxRequests()).toEqual([WAITING, RECENT]);
    const screen = mountInboxScreen(client);
    await settle();
    expect(screen.lists().every((list) => list.isPending)).toBe(true);
    wire.answer(WAITING, 200, EMPTY_PAGE);
    wire.answer(RECENT, 200, EMPTY_PAGE);
    await settle();
    expect(screen.lists().map((list) => list.data?.pages)).toEqual([[EMPTY_PAGE], [EMPTY_PAGE]]);
    expect(inboxRequests()).toEqual([WAITING, RECENT]);
    screen.unmount();
  });

  it.each([
    ['before', [ME, WAITING, RECENT]],
    ['after', [WAITING, RECENT, ME]],
  ])(
    'without a session, lands on sign-in with no error shown and nothing left in the cache (lists refused %s /me)',
    async (_, order) => {
      startEarly(client, '/inbox');
      await settle();
      // The session check mounts while everything is on its way (RequireSession shows its loader).
      const session = new QueryObserver(client, sessionQuery(client));
      const stopSession = session.subscribe(() => undefined);
      expect(sessionGate(session.getCurrentResult())).toBe('loading');
      for (const path of order) {
        wire.answer(path, 401, UNAUTHENTICATED);
        await settle();
      }
      expect(sessionGate(session.getCurrentResult())).toBe('sign-in');
      expect(client.getQueryData(sessionKeys.me())).toBeNull();
      // Not "your session ended" (a reload onto sign-in): nobody was signed in.
      expect(sessionEnded).not.toHaveBeenCalled();
      expect(client.getQueryCache().findAll({ queryKey: inboxKeys.all })).toEqual([]);
      expect(wire.asked).toHaveLength(3);
      stopSession();
    },
  );

  it('asks only for the code on an alert page, and nothing at all elsewhere', async () => {
    startEarly(client, '/inbox/3f2c1a9e-0000-4000-8000-000000000000');
    await settle();
    expect(wire.asked).toEqual([ME]);
    startEarly(createQueryClient(sessionEnded), '/referrals/mine');
    startEarly(createQueryClient(sessionEnded), '/inboxes');
    await settle();
    expect(wire.asked).toEqual([ME]);
  });
});

import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Response } from 'express';
import { AppConfig } from '@accord/config';
import { DomainException, ErrorCode } from '@accord/http';
import { SessionsService } from '@accord/identity';
import type { AuthContext } from '@accord/policy';
import { type InboxEvent, sseComment, sseFrame } from './inbox-event';
import { InboxEventBus } from './inbox-event.bus';

/**
 * How stale a session check may be when an event arrives. Heartbeats re-check anyway; this bounds
 * how long a logged-out session can go on receiving (ids only) when events are frequent.
 */
export const SESSION_RECHECK_MS = 5_000;

/** Tells EventSource how long to wait before reconnecting after the stream ends. */
export const STREAM_RETRY_MS = 5_000;

/**
 * The caller's live inbox: a server-sent event per new inbox entry of this user, a comment every
 * heartbeat. The route's guard checked the session and ability at connect; afterwards the session
 * is re-checked at every heartbeat and before an event when the last check is older than
 * SESSION_RECHECK_MS — without touching it, so an open tab alone never keeps an idle session
 * alive (CJIS AC-11) — and the stream ends when the session is gone (logout, disable, idle,
 * expiry). The client then reconnects, gets 401 and logs in again.
 */
@Injectable()
export class InboxStreamService implements OnModuleDestroy {
  private readonly logger = new Logger('InboxStream');
  private readonly streams = new Set<() => void>();
  /**
   * One check per session at a time, its answer shared for SESSION_RECHECK_MS by every stream
   * of that session (a user's tabs share it): an event reaching 200 streams costs a handful of
   * queries, not 200.
   */
  private readonly checks = new Map<string, { streams: number; at: number; live: Promise<boolean> }>();

  constructor(
    private readonly bus: InboxEventBus,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
  ) {}

  /** Open streams in this process. */
  get openStreams(): number {
    return this.streams.size;
  }

  async open(auth: AuthContext, res: Response): Promise<void> {
    let ended = false;
    const heartbeat: { timer?: NodeJS.Timeout } = {};
    let unsubscribe: (() => Promise<void>) | undefined;
    // The guard has just authenticated this session.
    const check = this.checks.get(auth.sessionId) ?? { streams: 0, at: Date.now(), live: Promise.resolve(true) };
    check.streams += 1;
    this.checks.set(auth.sessionId, check);
    let counted = true;
    const uncount = () => {
      if (!counted) return;
      counted = false;
      const held = this.checks.get(auth.sessionId);
      if (held && --held.streams <= 0) this.checks.delete(auth.sessionId);
    };
    // Events and checks run one after the other, so frames keep their order and none follows the end.
    let queue: Promise<void> = Promise.resolve();

    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat.timer);
      this.streams.delete(end);
      uncount();
      if (unsubscribe) void unsubscribe();
      if (!res.writableEnded) res.end();
    };
    const stillLive = async (maxAgeMs: number): Promise<boolean> => {
      const live = await this.sessionLive(auth.sessionId, maxAgeMs);
      if (!live) {
        this.logger.log({ event: 'inbox-stream.session-ended', sessionId: auth.sessionId });
        end();
      }
      return live;
    };
    const onEvent = (event: InboxEvent) => {
      queue = queue.then(async () => {
        if (ended) return;
        if (!(await stillLive(SESSION_RECHECK_MS))) return;
        if (!ended) res.write(sseFrame(event));
      });
    };

    res.on('close', end);
    this.streams.add(end);
    try {
      unsubscribe = await this.bus.subscribe(auth.userId, onEvent);
    } catch {
      this.streams.delete(end);
      uncount();
      ended = true;
      throw new DomainException(
        ErrorCode.ServiceUnavailable,
        'Live notifications are unavailable right now; the inbox list still works',
      );
    }
    if (ended) {
      // The client left while the subscription was being set up.
      await unsubscribe();
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-store, no-transform',
      Connection: 'keep-alive',
      // Tell buffering proxies (nginx) to pass each frame through at once.
      'X-Accel-Buffering': 'no',
    });
    // "connected" is sent only once the subscription is in place: nothing after it can be missed.
    res.write(`retry: ${STREAM_RETRY_MS}\n${sseComment('connected')}`);
    const heartbeatMs = this.config.inboxStreamHeartbeatSeconds * 1000;
    heartbeat.timer = setInterval(() => {
      queue = queue.then(async () => {
        if (ended || !(await stillLive(Math.min(SESSION_RECHECK_MS, heartbeatMs / 2)))) return;
        res.write(sseComment('heartbeat'));
      });
    }, heartbeatMs);
  }

  /** Whether the session is live, asking the database only when the last answer is older than maxAgeMs. */
  private sessionLive(sessionId: string, maxAgeMs: number): Promise<boolean> {
    const now = Date.now();
    const cached = this.checks.get(sessionId);
    if (!cached) return Promise.resolve(false);
    if (now - cached.at <= maxAgeMs) return cached.live;
    // A failed check (database briefly away) keeps the stream: the next heartbeat asks again.
    cached.live = this.sessions.isLive(sessionId).catch(() => true);
    cached.at = now;
    return cached.live;
  }

  /** Ends every open stream, so the HTTP server can close (shutdown waits for open connections). */
  onModuleDestroy(): void {
    for (const end of [...this.streams]) end();
  }
}

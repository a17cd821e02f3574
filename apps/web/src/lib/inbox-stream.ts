import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { components } from '@/api/schema';
import { sessionKeys } from './session';

/** The `data` of a `disclosure` event: ids only; the page reads the content through the API. */
export type InboxEvent = components['schemas']['InboxEventDto'];

/**
 * connecting: opening; live: events arrive; reconnecting: the browser reopens it after a drop;
 * stopped: the server refused it (401 once the session ended, 503 while Redis is down…) and the
 * browser gave up — it is reopened later, at once when the device comes back online, or on `reconnect()`.
 */
export type InboxStreamStatus = 'connecting' | 'live' | 'reconnecting' | 'stopped';

interface Listener {
  onEvent(event: InboxEvent): void;
  onConnected(): void;
  onStopped(): void;
}

const STREAM_URL = '/api/v1/inbox/stream';
const FIRST_RETRY_MS = 5_000;
const LAST_RETRY_MS = 60_000;

/** How long to wait before reopening a stream the browser gave up on: 5 s, doubling up to a minute. */
export function retryDelayMs(failures: number): number {
  return Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
}

function isInboxEvent(value: unknown): value is InboxEvent {
  const event = value as Partial<InboxEvent> | null;
  return typeof event?.disclosureId === 'string' && typeof event.category === 'string';
}

/**
 * One EventSource per tab, however many screens listen: opened with the first listener, closed
 * with the last. A drop the server ends cleanly (restart, session check) is reopened by the browser
 * (the server's `retry:`); a refused reopening is retried here, more slowly each time.
 */
class SharedInboxStream {
  private readonly listeners = new Set<Listener>();
  private readonly watchers = new Set<() => void>();
  private source: EventSource | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  status: InboxStreamStatus = 'connecting';

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) {
      window.addEventListener('online', this.onOnline);
      this.open();
    } else if (this.status === 'live') listener.onConnected();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  }

  watch = (watcher: () => void): (() => void) => {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  };

  /** Open it now (after a refusal, without waiting for the retry timer). */
  reconnect = (): void => {
    if (this.listeners.size > 0 && this.source?.readyState !== EventSource.OPEN) this.open();
  };

  private readonly onOnline = () => this.reconnect();

  private setStatus(status: InboxStreamStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const watcher of this.watchers) watcher();
  }

  private open(): void {
    clearTimeout(this.retryTimer);
    this.source?.close();
    this.setStatus('connecting');
    // Same origin: the session cookie goes along; nothing in the URL.
    const source = new EventSource(STREAM_URL);
    this.source = source;
    source.addEventListener('open', () => {
      this.failures = 0;
      this.setStatus('live');
      for (const listener of [...this.listeners]) listener.onConnected();
    });
    source.addEventListener('disclosure', (message: MessageEvent<string>) => {
      let event: unknown;
      try {
        event = JSON.parse(message.data);
      } catch {
        return;
      }
      if (isInboxEvent(event)) for (const listener of [...this.listeners]) listener.onEvent(event);
    });
    source.addEventListener('error', () => {
      if (this.source !== source) return;
      // Reopening by itself after a drop: nothing to do but say so.
      if (source.readyState === EventSource.CONNECTING) return this.setStatus('reconnecting');
      source.close();
      this.source = null;
      this.setStatus('stopped');
      this.failures += 1;
      this.retryTimer = setTimeout(() => this.open(), retryDelayMs(this.failures));
      for (const listener of [...this.listeners]) listener.onStopped();
    });
  }

  private close(): void {
    window.removeEventListener('online', this.onOnline);
    clearTimeout(this.retryTimer);
    this.source?.close();
    this.source = null;
    this.failures = 0;
    this.setStatus('connecting');
  }
}

const stream = new SharedInboxStream();

/**
 * The signed-in person's inbox, live (`GET /api/v1/inbox/stream`): `onEvent` for each new entry
 * (ids only: read the content through the API; an entry may be announced twice, dedupe by
 * disclosureId), `onConnected` whenever the stream (re)opens — it does not replay what arrived
 * while it was down, so refetch what the page lists there. Any screen may listen; the tab keeps one
 * connection. When the server refuses the stream the session is checked, so an ended one sends the
 * person to sign in (lib/query-client.ts).
 *
 *   const { status, reconnect } = useInboxEvents(() => void refetch(), { onConnected: () => void refetch() });
 */
export function useInboxEvents(
  onEvent: (event: InboxEvent) => void,
  options: { onConnected?: () => void } = {},
): { status: InboxStreamStatus; reconnect: () => void } {
  const client = useQueryClient();
  const latest = useRef({ onEvent, onConnected: options.onConnected });
  useEffect(() => {
    latest.current = { onEvent, onConnected: options.onConnected };
  });
  useEffect(
    () =>
      stream.subscribe({
        onEvent: (event) => latest.current.onEvent(event),
        onConnected: () => latest.current.onConnected?.(),
        onStopped: () => void client.invalidateQueries({ queryKey: sessionKeys.me() }),
      }),
    [client],
  );
  const status = useSyncExternalStore(stream.watch, () => stream.status);
  return { status, reconnect: stream.reconnect };
}

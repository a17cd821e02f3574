import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { components } from '@/api/schema';

/** The `data` of a `disclosure` event: ids only; the page reads the content through the API. */
export type InboxEvent = components['schemas']['InboxEventDto'];

/** connecting: opening or reopening; live: events arrive; offline: refused or unreachable, retrying later. */
export type InboxStreamStatus = 'connecting' | 'live' | 'offline';

export interface InboxStreamHandlers {
  /** A new entry in the signed-in person's inbox. An entry may be announced twice: dedupe by disclosureId. */
  onEvent?: (event: InboxEvent) => void;
  /**
   * The stream is open — the first time and after every drop. Entries that arrived while it was
   * down are not replayed, so a page refetches what it lists here.
   */
  onConnected?: () => void;
}

const STREAM_URL = '/api/v1/inbox/stream';
const FIRST_RETRY_MS = 5_000;
const LAST_RETRY_MS = 60_000;

/**
 * How long to wait before opening the stream again after the server refused it (the browser gives
 * up by itself then: 401, 503 while Redis is down…): 5 s, doubling up to a minute.
 */
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
  private readonly listeners = new Set<InboxStreamHandlers>();
  private readonly watchers = new Set<() => void>();
  private source: EventSource | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  status: InboxStreamStatus = 'connecting';

  subscribe(listener: InboxStreamHandlers): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.open();
    else if (this.status === 'live') listener.onConnected?.();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  }

  watch = (watcher: () => void): (() => void) => {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  };

  private setStatus(status: InboxStreamStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const watcher of this.watchers) watcher();
  }

  private open(): void {
    this.setStatus('connecting');
    // Same origin: the session cookie goes along; nothing in the URL.
    const source = new EventSource(STREAM_URL);
    this.source = source;
    source.addEventListener('open', () => {
      this.failures = 0;
      this.setStatus('live');
      for (const listener of [...this.listeners]) listener.onConnected?.();
    });
    source.addEventListener('disclosure', (message: MessageEvent<string>) => {
      let event: unknown;
      try {
        event = JSON.parse(message.data);
      } catch {
        return;
      }
      if (isInboxEvent(event)) for (const listener of [...this.listeners]) listener.onEvent?.(event);
    });
    source.addEventListener('error', () => {
      // Reconnecting by itself after a drop: nothing to do but say so.
      if (source.readyState === EventSource.CONNECTING) return this.setStatus('connecting');
      source.close();
      if (this.source !== source) return;
      this.source = null;
      this.setStatus('offline');
      this.failures += 1;
      this.retryTimer = setTimeout(() => this.open(), retryDelayMs(this.failures));
    });
  }

  private close(): void {
    clearTimeout(this.retryTimer);
    this.source?.close();
    this.source = null;
    this.failures = 0;
    this.setStatus('connecting');
  }
}

const stream = new SharedInboxStream();

/**
 * The signed-in person's inbox, live (`GET /api/v1/inbox/stream`): `onEvent` for each new entry,
 * `onConnected` whenever the stream (re)opens. Any screen may listen; the tab keeps one connection.
 * Returns the stream's state, for a "live" / "reconnecting" hint.
 *
 *   useInboxEvents((event) => { if (event.category === 'referral') void refetch(); }, { onConnected: refetch });
 */
export function useInboxEvents(onEvent: (event: InboxEvent) => void, options: Pick<InboxStreamHandlers, 'onConnected'> = {}): InboxStreamStatus {
  const latest = useRef({ onEvent, onConnected: options.onConnected });
  useEffect(() => {
    latest.current = { onEvent, onConnected: options.onConnected };
  });
  useEffect(
    () =>
      stream.subscribe({
        onEvent: (event) => latest.current.onEvent(event),
        onConnected: () => latest.current.onConnected?.(),
      }),
    [],
  );
  return useSyncExternalStore(stream.watch, () => stream.status);
}

import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';

export interface SseMessage {
  event: string;
  data: string;
  /** performance.now() when the frame was complete. */
  at: number;
}

export interface SseStream {
  status: number;
  /** Every event received so far (comments excluded). */
  messages: SseMessage[];
  /** Comments received so far (`connected`, `heartbeat`). */
  comments: string[];
  /** Resolves with the first event matching `test` (including ones already received). */
  next(test: (message: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  /**
   * Resolves at the next comment (e.g. `heartbeat`) received after the call. Frames arrive in
   * order, so every event the server wrote before that comment has been received by then.
   */
  nextComment(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  onMessage?: (message: SseMessage) => void;
  close(): void;
}

/**
 * A raw server-sent-events reader over node:http, for tests and benchmarks: it resolves once the
 * server sent its first comment (the subscription is in place), parses frames as they arrive and
 * reports when the server ends the stream.
 */
export function openEventStream(url: string, token: string, timeoutMs = 10_000): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req: ClientRequest = httpRequest(
      url,
      { headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' } },
      (res: IncomingMessage) => {
        const waiters: { test: (m: SseMessage) => boolean; resolve: (m: SseMessage) => void }[] = [];
        const commentWaiters: { text: string; resolve: () => void }[] = [];
        let endedResolve!: () => void;
        const stream: SseStream = {
          status: res.statusCode ?? 0,
          messages: [],
          comments: [],
          ended: new Promise<void>((r) => (endedResolve = r)),
          next(test, waitMs = 15_000) {
            const found = stream.messages.find(test);
            if (found) return Promise.resolve(found);
            return new Promise<SseMessage>((ok, fail) => {
              const t = setTimeout(() => fail(new Error('no matching event in time')), waitMs);
              waiters.push({ test, resolve: (m) => (clearTimeout(t), ok(m)) });
            });
          },
          nextComment(text, waitMs = 15_000) {
            return new Promise<void>((ok, fail) => {
              const t = setTimeout(() => fail(new Error(`no "${text}" comment in time`)), waitMs);
              commentWaiters.push({ text, resolve: () => (clearTimeout(t), ok()) });
            });
          },
          close: () => req.destroy(),
        };
        res.on('end', () => endedResolve());
        res.on('close', () => endedResolve());
        if (stream.status !== 200) {
          clearTimeout(timer);
          res.resume();
          resolve(stream);
          return;
        }
        res.setEncoding('utf8');
        let buffer = '';
        let opened = false;
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            let event = 'message';
            const data: string[] = [];
            for (const line of frame.split('\n')) {
              if (line.startsWith(':')) {
                const comment = line.slice(1).trim();
                stream.comments.push(comment);
                for (const waiter of commentWaiters.filter((w) => w.text === comment)) {
                  commentWaiters.splice(commentWaiters.indexOf(waiter), 1);
                  waiter.resolve();
                }
              } else if (line.startsWith('event:')) event = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
            }
            if (data.length > 0) {
              const message = { event, data: data.join('\n'), at: performance.now() };
              stream.messages.push(message);
              stream.onMessage?.(message);
              for (const waiter of waiters.filter((w) => w.test(message))) {
                waiters.splice(waiters.indexOf(waiter), 1);
                waiter.resolve(message);
              }
            }
            if (!opened && stream.comments.length > 0) {
              opened = true;
              clearTimeout(timer);
              resolve(stream);
            }
          }
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error('event stream did not open in time'));
    }, timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end();
  });
}

import type { Logger } from '@nestjs/common';
import { Client, type ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';
import { OUTBOX_CHANNEL } from './jobs.constants';

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 10_000;

/**
 * Connection settings of the data source's own pool, so the listener reaches the same server as
 * the same role (embedded mode included) without anyone passing a URL around.
 */
export function listenerConfig(dataSource: DataSource): ClientConfig {
  const pool = (dataSource.driver as unknown as { master?: { options?: ClientConfig } }).master;
  const fromPool = pool?.options;
  const url = (dataSource.options as { url?: string }).url;
  if (!fromPool && !url) throw new Error('cannot tell how to reach PostgreSQL from the data source');
  const base: ClientConfig = fromPool ? { ...fromPool } : { connectionString: url };
  return { ...base, application_name: 'accord-outbox-listener' };
}

/**
 * A dedicated connection LISTENing on the outbox channel (pooled connections cannot LISTEN: a
 * pool hands them out). Notifications only speed things up; the callers poll anyway, so a lost
 * connection just means slower pickup until the reconnect succeeds.
 */
export class OutboxListener {
  private client: Client | undefined;
  private stopped = false;
  private failures = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: ClientConfig,
    private readonly onNotify: () => void,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client(this.config);
    client.on('notification', (message) => {
      if (message.channel === OUTBOX_CHANNEL) this.onNotify();
    });
    client.on('error', () => this.retry(client));
    client.on('end', () => this.retry(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.client = client;
      if (this.failures > 0) this.logger.log('outbox listener reconnected');
      this.failures = 0;
      // Rows committed while we were not listening are found by this first pass.
      this.onNotify();
    } catch (error) {
      await client.end().catch(() => undefined);
      if (this.failures === 0)
        this.logger.warn(
          `outbox listener cannot connect (${error instanceof Error ? error.message : 'unknown error'}); polling ` +
            `meanwhile`,
        );
      this.retry(client);
    }
  }

  private retry(client: Client): void {
    if (this.stopped || this.reconnectTimer) return;
    if (this.client === client) this.client = undefined;
    else if (this.client) return;
    this.failures += 1;
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** (this.failures - 1));
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, delay);
  }
}

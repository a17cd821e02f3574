import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AgreementsService } from '@accord/agreements';
import { type AuditCheckpoint, AuditService, checkpointById, SYSTEM_STREAM, auditCallerOf } from '@accord/audit';
import { inTransaction } from '@accord/database';
import { AppConfig } from '@accord/config';
import { DomainException, ErrorCode, notFound } from '@accord/http';
import { Clock, SecretBox } from '@accord/identity';
import { JobHandler, JobName, OutboxService } from '@accord/jobs';
import { accessibleBy, Action, type AuthContext } from '@accord/policy';
import { type DeliveredInTransaction, DeliveryFollowUps, DisclosuresService } from '@accord/sharing';
import { NotificationChannel } from './notification-send.entity';
import { ChannelSendError, errorCodeOf, NotificationSends, sendToEach } from './notification-sends';
import { OrgWebhook } from './org-webhook.entity';
import type { CreatedWebhookView, CreateWebhookDto, WebhookDeliveryView, WebhookView } from './webhook.dto';
import { webhookTargetProblem, webhookUrlProblem } from './webhook-url';
import { webhookSecretContext } from './webhook-secret-resealing';
import { DELIVERY_HEADER, EVENT_HEADER, newWebhookSecret, SIGNATURE_HEADER, signWebhook } from './webhook-signature';

/** A receiver that does not answer in this time counts as failed; the job retries with backoff. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** An organization's webhooks; more is a configuration mistake, not a need. */
export const MAX_WEBHOOKS_PER_ORG = 5;
/** How many of each webhook's latest calls the list shows. */
export const WEBHOOK_RECENT_DELIVERIES = 5;

/** The body of a `disclosure.delivered` call: ids and a time, nothing that was disclosed. */
export interface DisclosureDeliveredEvent {
  event: 'disclosure.delivered';
  disclosureId: string;
  agreementId: string;
  deliveredAt: string;
}

/**
 * The body of an `audit.checkpoint` call: a checkpoint of an agreement's audit stream as it was
 * signed — seq, hashes, key id and signature, nothing else — so that each party keeps a copy the
 * server cannot take back (`audit:verify --checkpoints FILE` checks the trail against them).
 */
export interface AuditCheckpointEvent {
  event: 'audit.checkpoint';
  agreementId: string;
  checkpoint: Omit<AuditCheckpoint, 'spanHashes'>;
}

class WebhookHttpError extends Error {
  readonly code: string;
  constructor(status: number) {
    super(`webhook answered ${status}`);
    this.name = 'WebhookHttpError';
    this.code = `HTTP_${status}`;
  }
}

class WebhookTargetRefusedError extends Error {
  readonly code = 'TARGET_REFUSED';
  constructor() {
    super('webhook host now resolves to an internal address');
    this.name = 'WebhookTargetRefusedError';
  }
}

/**
 * Organizations' webhooks: org admins manage their own (the secret is shown once), and each
 * delivered disclosure is POSTed, HMAC-signed, to every enabled webhook of its recipient — once
 * per webhook across all runs of the job, retried with backoff until the receiver answers 2xx.
 */
@Injectable()
export class WebhooksService implements OnModuleInit {
  private readonly logger = new Logger('Webhooks');
  private readonly sends: NotificationSends;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly secrets: SecretBox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly agreements: AgreementsService,
    private readonly disclosures: DisclosuresService,
    private readonly outbox: OutboxService,
    private readonly followUps: DeliveryFollowUps,
  ) {
    this.sends = new NotificationSends(dataSource);
  }

  onModuleInit(): void {
    this.followUps.register((tx, delivered) => this.afterDelivery(tx, delivered));
  }

  /**
   * In the delivery's transaction: the webhook job, only when the recipient has an enabled webhook. One indexed read
   * costs less than a job that finds none (issue 17); the handler still checks, for a webhook disabled since.
   */
  private async afterDelivery(tx: EntityManager, delivered: DeliveredInTransaction): Promise<void> {
    if (!(await tx.exists(OrgWebhook, { where: { orgId: delivered.recipientOrgId, enabled: true } }))) return;
    const { disclosureId } = delivered;
    await this.outbox.enqueue(tx, JobName.DeliverWebhook, { disclosureId }, { jobId: disclosureId });
  }

  async create(auth: AuthContext, dto: CreateWebhookDto): Promise<CreatedWebhookView> {
    const url = this.checkUrl(dto.url);
    const target = await webhookTargetProblem(url, this.config.isProduction);
    if (target) throw this.badUrl(target);
    return inTransaction(this.dataSource, async (tx) => {
      // Serializes creations per organization so the cap holds under concurrent requests.
      await tx.query(`SELECT id FROM organizations WHERE id = $1 FOR UPDATE`, [auth.orgId]);
      const count = await tx.count(OrgWebhook, { where: { orgId: auth.orgId } });
      if (count >= MAX_WEBHOOKS_PER_ORG)
        throw new DomainException(ErrorCode.Conflict, `An organization has at most ${MAX_WEBHOOKS_PER_ORG} webhooks`);
      const id = randomUUID();
      const secret = newWebhookSecret();
      const webhook = tx.create(OrgWebhook, {
        id,
        orgId: auth.orgId,
        url,
        secret: this.secrets.seal(secret, webhookSecretContext(id)),
        enabled: true,
        createdBy: auth.userId,
        createdAt: this.clock.now(),
      });
      await tx.insert(OrgWebhook, webhook);
      await this.record(tx, auth, 'webhook.create', id);
      return { ...this.view(webhook), secret };
    });
  }

  async list(auth: AuthContext): Promise<WebhookView[]> {
    const qb = this.dataSource.manager.createQueryBuilder(OrgWebhook, 'w');
    const rows = await qb
      .where(accessibleBy(auth.ability, Action.List, 'Webhook', qb))
      .orderBy('w.created_at', 'ASC')
      .addOrderBy('w.id', 'ASC')
      .getMany();
    const deliveries = await this.recentDeliveries(rows.map((w) => w.id));
    return rows.map((w) => ({ ...this.view(w), lastDeliveries: deliveries.get(w.id) ?? [] }));
  }

  /**
   * The latest calls of each webhook from the ledger, newest first. Only webhooks the caller's list already reached
   * are asked for, so the authorization is the list's.
   */
  private async recentDeliveries(webhookIds: string[]): Promise<Map<string, WebhookDeliveryView[]>> {
    const byWebhook = new Map<string, WebhookDeliveryView[]>();
    if (webhookIds.length === 0) return byWebhook;
    const rows: {
      webhook_id: string;
      id: string;
      status: string;
      attempts: number;
      last_error_code: string | null;
      created_at: Date;
      sent_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT w.id AS webhook_id, s.id, s.status, s.attempts, s.last_error_code, s.created_at, s.sent_at
         FROM unnest($1::uuid[]) AS w(id)
         CROSS JOIN LATERAL (
           SELECT id, status, attempts, last_error_code, created_at, sent_at FROM notification_sends
            WHERE channel = $2 AND recipient_id = w.id ORDER BY created_at DESC, id DESC LIMIT $3
         ) s
        ORDER BY w.id, s.created_at DESC, s.id DESC`,
      [webhookIds, NotificationChannel.Webhook, WEBHOOK_RECENT_DELIVERIES],
    );
    for (const row of rows) {
      const list = byWebhook.get(row.webhook_id) ?? [];
      list.push({
        deliveryId: row.id,
        status: row.status,
        attempts: row.attempts,
        lastErrorCode: row.last_error_code,
        createdAt: row.created_at,
        sentAt: row.sent_at,
      });
      byWebhook.set(row.webhook_id, list);
    }
    return byWebhook;
  }

  async remove(auth: AuthContext, webhookId: string): Promise<void> {
    await inTransaction(this.dataSource, async (tx) => {
      const qb = tx.createQueryBuilder(OrgWebhook, 'w');
      const webhook = await qb
        .where('w.id = :webhookId', { webhookId })
        .andWhere(accessibleBy(auth.ability, Action.Delete, 'Webhook', qb))
        .getOne();
      // Another organization's webhook is not found, not forbidden: its existence is private.
      if (!webhook) throw notFound('Webhook');
      await tx.delete(OrgWebhook, { id: webhook.id });
      await this.record(tx, auth, 'webhook.delete', webhook.id);
    });
  }

  @JobHandler(JobName.DeliverWebhook)
  async deliverWebhook(payload: { disclosureId: string }): Promise<void> {
    const delivered = await this.disclosures.deliveredAudience(payload.disclosureId);
    if (!delivered) return;
    const { disclosure } = delivered;
    const webhooks = await this.dataSource.manager.find(OrgWebhook, {
      where: { orgId: disclosure.recipientOrgId, enabled: true },
      order: { id: 'ASC' },
    });
    if (webhooks.length === 0) return;
    const byId = new Map(webhooks.map((w) => [w.id, w]));
    const body = JSON.stringify({
      event: 'disclosure.delivered',
      disclosureId: disclosure.id,
      agreementId: disclosure.agreementId,
      deliveredAt: disclosure.deliveredAt.toISOString(),
    } satisfies DisclosureDeliveredEvent);
    const results = await sendToEach(
      this.sends,
      disclosure.id,
      NotificationChannel.Webhook,
      webhooks.map((w) => w.id),
      (webhookId, sendId) => this.post(byId.get(webhookId)!, body, sendId),
      (sendId) =>
        this.logger.warn({
          event: 'webhook.resend-after-crash',
          disclosureId: disclosure.id,
          sendId,
          note: 'same X-Accord-Delivery id; receivers drop the repeat',
        }),
    );
    this.logger.log({ event: 'webhook.delivered', disclosureId: disclosure.id, ...results });
  }

  /**
   * Witnessing (docs/audit.md): each checkpoint of an agreement's stream goes, as it is signed, to
   * every enabled webhook of both parties. A copy is harmless to repeat, so there is no ledger: a
   * retry sends to every webhook again with the same `X-Accord-Delivery` id per (checkpoint,
   * webhook), which receivers use to drop the repeat.
   */
  @JobHandler(JobName.WitnessCheckpoint)
  async witnessCheckpoint(payload: { checkpointId: string }): Promise<void> {
    const checkpoint = await checkpointById((sql, params) => this.dataSource.query(sql, params), payload.checkpointId);
    if (!checkpoint?.stream.startsWith('agreement:')) return;
    const agreementId = checkpoint.stream.slice('agreement:'.length);
    const parties = await this.agreements.partiesOf(agreementId);
    if (parties.length === 0) return;
    const webhooks = await this.dataSource.manager.find(OrgWebhook, {
      where: { orgId: In(parties), enabled: true },
      order: { id: 'ASC' },
    });
    const { spanHashes: _span, ...signed } = checkpoint;
    const body = JSON.stringify({
      event: 'audit.checkpoint',
      agreementId,
      checkpoint: signed,
    } satisfies AuditCheckpointEvent);
    let failed = 0;
    let firstError: unknown = null;
    for (const webhook of webhooks) {
      const deliveryId = uuidOf(`audit.checkpoint:${payload.checkpointId}:${webhook.id}`);
      try {
        await this.post(webhook, body, deliveryId, 'audit.checkpoint');
      } catch (error) {
        failed++;
        firstError ??= error;
      }
    }
    this.logger.log({
      event: 'webhook.checkpoint',
      checkpointId: payload.checkpointId,
      webhooks: webhooks.length,
      failed,
    });
    if (firstError !== null) throw new ChannelSendError(NotificationChannel.Webhook, failed, errorCodeOf(firstError));
  }

  private async post(webhook: OrgWebhook, body: string, sendId: string, event = 'disclosure.delivered'): Promise<void> {
    if (await webhookTargetProblem(webhook.url, this.config.isProduction)) throw new WebhookTargetRefusedError();
    const secret = this.secrets.open(webhook.secret, webhookSecretContext(webhook.id));
    const response = await fetch(webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Accord-Webhook/1',
        [EVENT_HEADER]: event,
        [DELIVERY_HEADER]: sendId,
        [SIGNATURE_HEADER]: signWebhook(secret, body, Math.floor(this.clock.now().getTime() / 1000)),
      },
      body,
      // A redirect could point the signed call anywhere (another host, an internal address): not followed.
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (response.status < 200 || response.status >= 300) throw new WebhookHttpError(response.status);
  }

  private checkUrl(raw: string): string {
    const problem = webhookUrlProblem(raw, this.config.isProduction);
    if (problem) throw this.badUrl(problem);
    return new URL(raw.trim()).toString();
  }

  private badUrl(problem: string): DomainException {
    return new DomainException(ErrorCode.ValidationFailed, `The webhook URL ${problem}`, {
      fields: [{ path: 'url', problems: [problem] }],
    });
  }

  private record(tx: EntityManager, auth: AuthContext, action: string, webhookId: string) {
    return this.audit.record(tx, {
      stream: SYSTEM_STREAM,
      ...auditCallerOf(auth),
      action,
      subjectType: 'Webhook',
      subjectId: webhookId,
      outcome: 'success',
    });
  }

  private view(w: OrgWebhook): WebhookView {
    return { id: w.id, url: w.url, enabled: w.enabled, createdAt: w.createdAt };
  }
}

/** A stable uuid-shaped id from a name (the same name, the same id on every retry). */
function uuidOf(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return (
    `${hex.slice(0, 8)}-` +
    `${hex.slice(8, 12)}-5` +
    `${hex.slice(13, 16)}-` +
    `${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`
  );
}

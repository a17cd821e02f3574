import { Injectable } from '@nestjs/common';
import { DataSource, Raw } from 'typeorm';
import { inTransaction } from '@accord/database';
import { type ResealCounts, resealInBatches, type ResealStep, SecretBox } from '@accord/identity';
import { OrgWebhook } from './org-webhook.entity';

/** Binds a webhook's sealed signing secret to its row: copied to another webhook, it fails to open. */
export const webhookSecretContext = (webhookId: string): string => `org-webhook:${webhookId}`;

/**
 * Channels' part of a key rotation: the webhooks' signing secrets, which every delivery opens to
 * sign its call. Rows are locked and waited for, so none is left under the key about to go.
 */
@Injectable()
export class WebhookSecretResealing implements ResealStep {
  readonly name = 'webhook-secrets';

  constructor(
    private readonly dataSource: DataSource,
    private readonly box: SecretBox,
  ) {}

  async run(): Promise<ResealCounts> {
    return { secrets: await resealInBatches((size) => this.batch(size)) };
  }

  private batch(size: number): Promise<number> {
    return inTransaction(this.dataSource, async (tx) => {
      const hooks = await tx.find(OrgWebhook, {
        select: { id: true, secret: true },
        where: {
          secret: Raw((column) => `NOT starts_with(${column}, :current)`, { current: `v1.${this.box.keyId}.` }),
        },
        order: { id: 'ASC' },
        take: size,
        lock: { mode: 'pessimistic_write' },
      });
      for (const hook of hooks)
        await tx.update(
          OrgWebhook,
          { id: hook.id },
          { secret: this.box.reseal(hook.secret, webhookSecretContext(hook.id)) },
        );
      return hooks.length;
    });
  }
}

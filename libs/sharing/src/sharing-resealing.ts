import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertInTransaction, inTransaction } from '@accord/database';
import { type ResealCounts, resealInBatches, type ResealStep, rowsToReseal, SecretBox } from '@accord/identity';
import { Disclosure } from './disclosure.entity';
import { resealIncident } from './incident-sealing';
import { Incident } from './incident.entity';

/** The sealed part of a disclosure's payload: one sealed value per field, and the key that sealed them. */
interface SealedPayload {
  sealed?: Record<string, string>;
  keyId?: string;
}

/**
 * A disclosure payload with every sealed field (`payload.sealed`, each opened under `context(field)`)
 * sealed with the ring's current key, and that key named; null when the payload carries nothing
 * sealed (purged, or a category that seals nothing), so there is nothing to write.
 */
export function resealedPayload(
  box: SecretBox,
  payload: Record<string, unknown> | null,
  context: (field: string) => string,
): Record<string, unknown> | null {
  const { sealed } = (payload ?? {}) as SealedPayload;
  if (!payload || !sealed) return null;
  const resealed: Record<string, string> = {};
  for (const [field, value] of Object.entries(sealed)) if (value) resealed[field] = box.reseal(value, context(field));
  return { ...payload, sealed: resealed, keyId: box.keyId };
}

/**
 * Sharing's part of a key rotation: the police incident records' sealed fields, and — at their
 * owner's request, in the owner's transaction — the sealed fields a disclosure carries.
 */
@Injectable()
export class SharingResealing implements ResealStep {
  readonly name = 'incidents';

  constructor(
    private readonly dataSource: DataSource,
    private readonly box: SecretBox,
  ) {}

  async run(): Promise<ResealCounts> {
    return { incidents: await resealInBatches((size) => this.incidentBatch(size)) };
  }

  /**
   * Reseals one disclosure's sealed payload fields (`payload.sealed`), each opened under
   * `context(field)`. In the caller's transaction: a referral's copy is resealed with the referral
   * it copies, so the two never stand under different keys. A purged or unsealed payload stays as it is.
   */
  async resealPayload(tx: EntityManager, disclosureId: string, context: (field: string) => string): Promise<void> {
    assertInTransaction(tx, 'resealing a disclosure');
    const disclosure = await tx
      .createQueryBuilder(Disclosure, 'd')
      .setLock('pessimistic_write')
      .where('d.id = :id', { id: disclosureId })
      .getOne();
    const payload = disclosure && resealedPayload(this.box, disclosure.payload, context);
    if (!disclosure || !payload) return;
    disclosure.payload = payload;
    await tx.save(disclosure);
  }

  /**
   * Up to `size` incidents not under the current key; rows another transaction holds are left to
   * the next run (SKIP LOCKED).
   */
  private incidentBatch(size: number): Promise<number> {
    return inTransaction(this.dataSource, async (tx) => {
      const rows = await rowsToReseal(tx, Incident, this.box.keyId, size);
      for (const row of rows) {
        await tx.update(Incident, { id: row.id }, { ...resealIncident(this.box, row.id, row), keyId: this.box.keyId });
      }
      return rows.length;
    });
  }
}

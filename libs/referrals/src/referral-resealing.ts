import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inTransaction } from '@accord/database';
import { type ResealCounts, resealInBatches, type ResealStep, rowsToReseal, SecretBox } from '@accord/identity';
import { SharingResealing } from '@accord/sharing';
import { ReferralNote } from './referral-note.entity';
import {
  copyContext,
  noteContext,
  openPerson,
  type PersonField,
  referralContext,
  resealPerson,
} from './referral-sealing';
import { Referral } from './referral.entity';
import { assignSealed, personIndexOf, sealedOf } from './referrals.service';

/**
 * A referral's sealed fields under the ring's current key, its blind index recomputed (it is keyed
 * by the sealing key, so a match across the rotation must be keyed anew) and its key id named.
 */
export function resealReferral(box: SecretBox, r: Referral): void {
  const resealed = resealPerson(box, sealedOf(r), (f) => referralContext(r.id, f));
  assignSealed(r, resealed);
  const plain = openPerson(box, { name: resealed.name, dateOfBirth: resealed.dateOfBirth }, (f) =>
    referralContext(r.id, f),
  );
  r.personIndex = personIndexOf(box, plain.name, plain.dateOfBirth);
  r.keyId = box.keyId;
}

/**
 * Referrals' part of a key rotation: each police record (with its blind index, keyed by the
 * sealing key) together with the partner's copy, then the case notes. Rows another transaction
 * holds are left to the next run (rowsToReseal); purged rows hold nothing sealed.
 */
@Injectable()
export class ReferralResealing implements ResealStep {
  readonly name = 'referrals';

  constructor(
    private readonly dataSource: DataSource,
    private readonly box: SecretBox,
    private readonly sharing: SharingResealing,
  ) {}

  async run(): Promise<ResealCounts> {
    const referrals = await resealInBatches((size) => this.referralBatch(size));
    const notes = await resealInBatches((size) => this.noteBatch(size));
    return { referrals, notes };
  }

  private referralBatch(size: number): Promise<number> {
    return inTransaction(this.dataSource, async (tx) => {
      const rows = await rowsToReseal(tx, Referral, this.box.keyId, size, { skipPurged: true });
      for (const r of rows) {
        resealReferral(this.box, r);
        await tx.save(r);
        // The copy is sharing's row: sharing rewrites it, under the context referrals sealed it with.
        const copyId = r.disclosureId;
        if (copyId) await this.sharing.resealPayload(tx, copyId, (f) => copyContext(copyId, f as PersonField));
      }
      return rows.length;
    });
  }

  private noteBatch(size: number): Promise<number> {
    return inTransaction(this.dataSource, async (tx) => {
      const rows = await rowsToReseal(tx, ReferralNote, this.box.keyId, size, { skipPurged: true });
      for (const n of rows) {
        n.bodySealed = this.box.reseal(n.bodySealed, noteContext(n.id));
        n.keyId = this.box.keyId;
        await tx.save(n);
      }
      return rows.length;
    });
  }
}

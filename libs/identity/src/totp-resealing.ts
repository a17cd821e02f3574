import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inTransaction } from '@accord/database';
import { totpContext } from './auth.service';
import { type ResealCounts, resealInBatches, type ResealStep } from './reseal-step';
import { SecretBox } from './secret-box';
import { User } from './user.entity';

type TotpSeeds = Pick<User, 'id' | 'totpSecret' | 'totpPendingSecret'>;

/** A user's seeds (enrolled and pending) sealed with the ring's current key; absent seeds stay absent. */
export function resealedTotpSeeds(box: SecretBox, user: TotpSeeds): Pick<User, 'totpSecret' | 'totpPendingSecret'> {
  const context = totpContext(user.id);
  return {
    totpSecret: user.totpSecret && box.reseal(user.totpSecret, context),
    totpPendingSecret: user.totpPendingSecret && box.reseal(user.totpPendingSecret, context),
  };
}

/**
 * Identity's part of a key rotation: the TOTP seeds. Without it, retiring the old key would lock
 * every enrolled person out. Rows are locked and waited for (not skipped): a login that holds a
 * row only delays its seed, it does not leave it behind under the key about to go.
 */
@Injectable()
export class TotpResealing implements ResealStep {
  readonly name = 'totp-seeds';

  constructor(
    private readonly dataSource: DataSource,
    private readonly box: SecretBox,
  ) {}

  async run(): Promise<ResealCounts> {
    return { secrets: await resealInBatches((size) => this.batch(size)) };
  }

  private batch(size: number): Promise<number> {
    return inTransaction(this.dataSource, async (tx) => {
      // Every sealed value starts `v1.<key id>.` (secret-box.ts); starts_with, as `_` in a key id is a LIKE wildcard.
      const current = `v1.${this.box.keyId}.`;
      const users = await tx
        .createQueryBuilder(User, 'u')
        .select(['u.id', 'u.totpSecret', 'u.totpPendingSecret'])
        .setLock('pessimistic_write')
        .where('NOT starts_with(u.totpSecret, :current) OR NOT starts_with(u.totpPendingSecret, :current)', { current })
        .orderBy('u.id')
        .limit(size)
        .getMany();
      for (const user of users) await tx.update(User, { id: user.id }, resealedTotpSeeds(this.box, user));
      return users.length;
    });
  }
}

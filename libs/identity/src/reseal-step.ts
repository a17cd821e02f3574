import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * One owner's part of a key rotation (`rotate-keys`): every value the owner sealed with an older
 * key of the ring is sealed again with the current one, by the owner, in its own tables. Each
 * batch is its own transaction and rewrites a row whole, so a run stopped midway leaves every row
 * under the old key or the new one — both still in the ring until the run has finished.
 */
export interface ResealStep {
  /** Names the step in logs. */
  readonly name: string;
  /**
   * Reseals what is not yet under the current key and says how many rows changed, by kind
   * (`{ referrals, notes }`). Idempotent: a second run finds nothing and answers zeros.
   */
  run(): Promise<ResealCounts>;
}

export type ResealCounts = Record<string, number>;

/** Rows per reseal transaction: short enough that the API's writes wait little on the locks. */
export const RESEAL_BATCH = 200;

/**
 * Runs `batch` (one transaction resealing up to `size` rows) until a batch comes back short,
 * and answers the rows changed in all.
 */
export async function resealInBatches(batch: (size: number) => Promise<number>, size = RESEAL_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await batch(size);
    total += n;
    if (n < size) return total;
  }
}

/** The counts of several steps added up by kind, kinds in the order they first appear. */
export function addCounts(all: readonly ResealCounts[]): ResealCounts {
  const total: ResealCounts = {};
  for (const counts of all) for (const [kind, n] of Object.entries(counts)) total[kind] = (total[kind] ?? 0) + n;
  return total;
}

/**
 * Up to `size` rows of an owner's table (one with `id` and `key_id` columns) not sealed with
 * `keyId`, locked for update; rows another transaction holds are skipped (SKIP LOCKED) and left to
 * the next run, so the API keeps writing meanwhile. Purged rows hold nothing sealed: `skipPurged`
 * leaves them out.
 */
export function rowsToReseal<T extends ObjectLiteral>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  keyId: string,
  size: number,
  options: { skipPurged?: boolean } = {},
): Promise<T[]> {
  const qb = tx
    .createQueryBuilder(entity, 'sealed')
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .where('sealed.key_id <> :keyId', { keyId });
  if (options.skipPurged) qb.andWhere('sealed.purged_at IS NULL');
  return qb.orderBy('sealed.id').limit(size).getMany();
}

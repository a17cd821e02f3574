import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import { inTransaction, RollbackFollowUp, TRANSACTION_ATTEMPTS } from './transaction';

describe('inTransaction', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('transaction');
    ds = new DataSource({ type: 'postgres', url: db.ownerUrl, poolSize: 4 });
    await ds.initialize();
  }, 60_000);

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  beforeEach(async () => {
    await ds.query('DROP TABLE IF EXISTS counters');
    await ds.query('CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL)');
    await ds.query('INSERT INTO counters VALUES (1, 0), (2, 0)');
  });

  it('runs the transaction that lost a real deadlock again, so both sides commit and no update is lost', async () => {
    let firstLocksTaken = 0;
    let bothHoldOne!: () => void;
    const barrier = new Promise<void>((resolve) => (bothHoldOne = resolve));
    const attempts = { a: 0, b: 0 };
    // Each locks one row, waits until the other holds the other row, then asks for it: a deadlock
    // PostgreSQL breaks by aborting one of them. The barrier is passed once, so the rerun goes straight through.
    const crossing = (side: 'a' | 'b', first: number, second: number) =>
      inTransaction(ds, async (tx) => {
        attempts[side]++;
        await tx.query('UPDATE counters SET n = n + 1 WHERE id = $1', [first]);
        if (++firstLocksTaken === 2) bothHoldOne();
        await barrier;
        await tx.query('UPDATE counters SET n = n + 1 WHERE id = $1', [second]);
      });
    await Promise.all([crossing('a', 1, 2), crossing('b', 2, 1)]);
    expect(attempts.a + attempts.b).toBe(3);
    expect(await ds.query('SELECT id, n FROM counters ORDER BY id')).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ]);
  });

  it(`gives up after ${TRANSACTION_ATTEMPTS} attempts and throws the database's error`, async () => {
    let attempts = 0;
    const work = inTransaction(ds, async (tx) => {
      attempts++;
      await tx.query('UPDATE counters SET n = n + 1 WHERE id = 1');
      throw Object.assign(new Error('could not serialize access'), { code: '40001' });
    });
    await expect(work).rejects.toMatchObject({ code: '40001' });
    expect(attempts).toBe(TRANSACTION_ATTEMPTS);
    expect(await ds.query('SELECT n FROM counters WHERE id = 1')).toEqual([{ n: 0 }]);
  });

  it('never reruns a transaction for any other error', async () => {
    let attempts = 0;
    const work = inTransaction(ds, async (tx) => {
      attempts++;
      await tx.query('INSERT INTO counters VALUES (1, 0)');
    });
    await expect(work).rejects.toMatchObject({ code: '23505' });
    expect(attempts).toBe(1);
  });

  it(
    'rolls the work back, commits the follow-up of a RollbackFollowUp in its own transaction, then throws the ' +
      'refusal',
    async () => {
      const refusal = new Error('refused');
      const work = inTransaction(ds, async (tx) => {
        await tx.query('UPDATE counters SET n = 100 WHERE id = 1');
        throw new RollbackFollowUp(refusal, (followUp) => followUp.query('UPDATE counters SET n = 7 WHERE id = 2'));
      });
      await expect(work).rejects.toBe(refusal);
      expect(await ds.query('SELECT id, n FROM counters ORDER BY id')).toEqual([
        { id: 1, n: 0 },
        { id: 2, n: 7 },
      ]);
    },
  );
});

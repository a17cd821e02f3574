import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@accord/testing';
import { accordDataSourceOptions } from './data-source-options';
import { MIGRATIONS } from '../../../migrations';

describe('schema', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('drift');
  });
  afterAll(async () => {
    await db.drop();
  });

  it(
    'has no drift between the entities and the migrations (what ' + '`migration:generate --check` would report)',
    async () => {
      const dataSource = new DataSource(accordDataSourceOptions({ url: db.ownerUrl }));
      await dataSource.initialize();
      try {
        const pending = await dataSource.driver.createSchemaBuilder().log();
        expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      } finally {
        await dataSource.destroy();
      }
    },
  );

  it('registers migrations in timestamp order with unique names', () => {
    const names = MIGRATIONS.map((m) => m.name);
    const stamps = names.map((n) => Number(/(\d{13})$/.exec(n)?.[1]));
    expect(stamps.every((s) => Number.isFinite(s))).toBe(true);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    expect(new Set(names).size).toBe(names.length);
  });
});

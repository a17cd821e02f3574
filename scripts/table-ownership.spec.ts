import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CROSS_LIB_READS, FUNCTION_TABLES, READ_MODELS, TABLE_OWNERS } from '@accord/schema';
import { type TableAccess, tableAccess } from './table-access';

const root = resolve(__dirname, '..');
const owners: Record<string, string> = TABLE_OWNERS;
const tables = Object.keys(owners);
const line = (a: TableAccess) => `${a.by} ${a.kind}s ${a.table} (${a.how}) at ${a.at}`;

describe('table ownership (libs/schema/src/table-owners.ts)', () => {
  let access: TableAccess[] = [];
  beforeAll(() => {
    access = tableAccess(root, tables);
  }, 120_000);

  it('names an owner for every table the migrations create, and only for those', () => {
    const created = new Set(['schema_migrations']);
    for (const file of readdirSync(join(root, 'migrations'))) {
      for (const m of readFileSync(join(root, 'migrations', file), 'utf8').matchAll(
        /CREATE (?:UNLOGGED )?TABLE (?:IF NOT EXISTS )?"?(\w+)/g,
      ))
        created.add(m[1]!);
    }
    for (const m of readFileSync(join(root, 'migrations', 'index.ts'), 'utf8').matchAll(
      /DROP TABLE (?:IF EXISTS )?"?(\w+)/g,
    ))
      created.delete(m[1]!);
    expect([...created].sort()).toEqual([...tables].sort());
  });

  it("gives each entity's table to the lib that holds the entity (tables only SQL functions use have none)", () => {
    const holders: Record<string, string> = {};
    for (const lib of readdirSync(join(root, 'libs'))) {
      const dir = join(root, 'libs', lib, 'src');
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.entity.ts'))) {
        const table = /@Entity\(\{ name: '(\w+)' \}\)/.exec(readFileSync(join(dir, file), 'utf8'))?.[1];
        if (table) holders[table] = lib;
      }
    }
    const { schema_migrations: _migrations, ...withEntities } = owners;
    for (const table of FUNCTION_TABLES) delete withEntities[table];
    expect(FUNCTION_TABLES.filter((table) => table in holders)).toEqual([]);
    expect(holders).toEqual(withEntities);
  });

  it('finds the writes it looks for (the scan is not blind)', () => {
    const writes = new Set(access.filter((a) => a.kind === 'write').map((a) => `${a.by}:${a.table}`));
    for (const expected of ['jobs:outbox_jobs', 'identity:users', 'agreements:agreements', 'audit:audit_entries'])
      expect(writes).toContain(expected);
  });

  it('lets only the owner write a table (SQL or TypeORM)', () => {
    const foreign = access.filter((a) => a.kind === 'write' && owners[a.table] !== a.by);
    expect(foreign.map(line)).toEqual([]);
  });

  it('lets a lib read another lib’s table only where CROSS_LIB_READS declares it', () => {
    const undeclared = access.filter(
      (a) => a.kind === 'read' && owners[a.table] !== a.by && !CROSS_LIB_READS[a.by]?.tables.includes(a.table as never),
    );
    expect(undeclared.map(line)).toEqual([]);
  });

  it('declares no read that the code no longer does', () => {
    const done = new Set(access.filter((a) => a.kind === 'read').map((a) => `${a.by}:${a.table}`));
    const stale = Object.entries(CROSS_LIB_READS).flatMap(([lib, r]) =>
      r.tables.filter((t) => !done.has(`${lib}:${t}`)).map((t) => `${lib}:${t}`),
    );
    expect(stale).toEqual([]);
  });

  it('keeps read models to reads: they own no table and write none', () => {
    for (const lib of READ_MODELS) {
      expect(Object.values(owners)).not.toContain(lib);
      expect(access.filter((a) => a.by === lib && a.kind === 'write').map(line)).toEqual([]);
    }
  });
});

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Pool } from 'pg';

/**
 * The reads bench's ceiling for `GET /api/v1/inbox/:id` (bench/reads.bench.ts): a bare Node HTTP
 * server that runs, per request, the very statements the API ran for one such request (captured from
 * it: the session lookup and touch, the disclosure under the caller's rules, the inbox entry, the
 * response, the audit append, the transaction around them) on one pooled connection, with the
 * requested id, the current time and a fresh audit entry id in place of the captured ones. No
 * framework, no authorization logic, no validation: only the SQL and the JSON.
 *
 * Started by the bench as its own process: BARE_STATEMENTS (a JSON file of CapturedStatement),
 * DATABASE_URL, BARE_POOL_SIZE, PORT.
 */
export type BareParam =
  { kind: 'value'; value: unknown } | { kind: 'disclosure' } | { kind: 'now' } | { kind: 'nowIso' } | { kind: 'uuid' };

export interface CapturedStatement {
  sql: string;
  params: BareParam[];
  /** The rows of this statement are the response body. */
  respond?: boolean;
}

function valueOf(param: BareParam, disclosureId: string, now: Date): unknown {
  switch (param.kind) {
    case 'value':
      return param.value;
    case 'disclosure':
      return disclosureId;
    case 'now':
      return now;
    case 'nowIso':
      return now.toISOString();
    case 'uuid':
      return randomUUID();
  }
}

function main(): void {
  const statements = JSON.parse(readFileSync(process.env.BARE_STATEMENTS!, 'utf8')) as CapturedStatement[];
  const pool = new Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.BARE_POOL_SIZE ?? 10),
  });
  const route = /^\/api\/v1\/inbox\/([0-9a-f-]{36})$/;
  const server = createServer((req, res) => {
    const match = route.exec(req.url ?? '');
    if (req.method !== 'GET' || !match) {
      res.writeHead(404).end();
      return;
    }
    void (async () => {
      const client = await pool.connect();
      let body: unknown = null;
      try {
        const now = new Date();
        for (const statement of statements) {
          const result = await client.query(
            statement.sql,
            statement.params.map((p) => valueOf(p, match[1]!, now)),
          );
          if (statement.respond) body = result.rows[0] ?? null;
        }
        client.release();
        res.writeHead(body === null ? 404 : 200, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body));
      } catch {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release();
        res.writeHead(500).end();
      }
    })();
  });
  server.listen(Number(process.env.PORT), '127.0.0.1');
  process.on('SIGTERM', () => {
    server.close();
    void pool.end();
  });
}

if (require.main === module) main();

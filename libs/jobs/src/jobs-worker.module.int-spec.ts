import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ConfigModule, loadConfig } from '@accord/config';
import { inTransaction } from '@accord/database';
import { AccordDatabaseModule } from '@accord/schema';
import {
  clearRedisPrefix,
  createTestDatabase,
  TEST_REDIS_URL,
  testRedisPrefix,
  type TestDatabase,
} from '@accord/testing';
import { JobHandler } from './job-handler.decorator';
import { JOB_DEFINITIONS, JobName, QueueName } from './job-names';
import { SCHEDULED_JOBS } from './scheduled-jobs';
import { JobsWorker } from './jobs-worker.service';
import { JobsWorkerModule } from './jobs-worker.module';
import { OutboxService } from './outbox.service';
import { noopHandlersFor, sleep, waitFor } from '../test/helpers';

const verifyCalls: Array<Record<string, unknown>> = [];
const slow = { started: false, finished: false };

@Injectable()
class TestHandlers {
  @JobHandler(JobName.AuditVerify)
  async verify(payload: Record<string, unknown>): Promise<void> {
    verifyCalls.push(payload);
    if (payload.slow === true) {
      slow.started = true;
      await sleep(400);
      slow.finished = true;
    }
  }

  @JobHandler(JobName.AuditCheckpoint)
  async checkpoint(): Promise<void> {}
}

const OTHER_JOBS = Object.values(JobName).filter(
  (name) => name !== JobName.AuditVerify && name !== JobName.AuditCheckpoint,
);

@Module({ providers: [TestHandlers, noopHandlersFor(OTHER_JOBS)] })
class TestHandlersModule {}

const AUDIT_SCHEDULES = SCHEDULED_JOBS.filter((job) => JOB_DEFINITIONS[job.name].queue === QueueName.Audit);

describe('JobsWorkerModule on BullMQ (end to end: enqueue → relay → worker → handler)', () => {
  let db: TestDatabase;
  let prefix: string;
  let app: INestApplicationContext;
  let queue: Queue;
  let closed = false;

  const enqueue = (jobId: string, payload: Record<string, unknown> = {}) =>
    inTransaction(app.get(DataSource), (tx) =>
      app.get(OutboxService).enqueue(tx, JobName.AuditVerify, payload as never, { jobId }),
    );

  beforeAll(async () => {
    db = await createTestDatabase('worker');
    prefix = testRedisPrefix('worker');
    const config = loadConfig({
      DATABASE_URL: db.appUrl,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      NODE_ENV: 'test',
    });
    @Module({
      imports: [
        ConfigModule.forRoot(config),
        AccordDatabaseModule,
        TestHandlersModule,
        JobsWorkerModule.forRoot({ pollIntervalMs: 200 }),
      ],
    })
    class TestWorkerModule {}
    app = await NestFactory.createApplicationContext(TestWorkerModule, { logger: false, abortOnError: false });
    queue = new Queue(QueueName.Audit, { connection: { url: TEST_REDIS_URL }, prefix });
  });

  afterAll(async () => {
    if (!closed) await app.close();
    await queue.close();
    await db.drop();
    await clearRedisPrefix(prefix);
  });

  it('runs on BullMQ when REDIS_URL is set, with the scheduled jobs registered under the key prefix', async () => {
    expect(app.get(JobsWorker).mode).toBe('bullmq');
    await waitFor(async () => (await queue.getJobSchedulers()).length === AUDIT_SCHEDULES.length);
    const schedulers = await queue.getJobSchedulers();
    expect(Object.fromEntries(schedulers.map((s) => [s.key, s.every ?? s.pattern]))).toMatchObject({
      [JobName.AuditCheckpoint]: 30_000,
      [JobName.AuditVerify]: '17 3 * * *',
    });
  });

  it('calls the handler exactly once for a committed enqueue', async () => {
    await enqueue('end-to-end', { n: 1 });
    await waitFor(() => verifyCalls.length === 1);
    await waitFor(async () => (await queue.getJobState('audit.verify/end-to-end')) === 'completed');
    await sleep(500);
    expect(verifyCalls).toEqual([{ n: 1 }]);
    // Owed until the handler ran; the worker then marked it done.
    expect(
      await app.get(DataSource).query(`SELECT status FROM outbox_jobs WHERE job_id = 'audit.verify/end-to-end'`),
    ).toEqual([{ status: 'completed' }]);
  });

  it('lets the job in flight finish on shutdown (what SIGTERM triggers through the shutdown hooks)', async () => {
    await enqueue('in-flight', { slow: true });
    await waitFor(() => slow.started);
    expect(slow.finished).toBe(false);
    await app.close();
    closed = true;
    expect(slow.finished).toBe(true);
    expect(await queue.getJobState('audit.verify/in-flight')).toBe('completed');
  });
});

describe('JobsWorkerModule without Redis (embedded mode: the outbox table is the queue)', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;

  beforeAll(async () => {
    db = await createTestDatabase('workerlocal');
    const config = loadConfig({ DATABASE_URL: db.appUrl, NODE_ENV: 'test' });
    @Module({
      imports: [
        ConfigModule.forRoot(config),
        AccordDatabaseModule,
        TestHandlersModule,
        JobsWorkerModule.forRoot({ pollIntervalMs: 200 }),
      ],
    })
    class TestEmbeddedModule {}
    app = await NestFactory.createApplicationContext(TestEmbeddedModule, { logger: false, abortOnError: false });
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('runs jobs in-process through the same handler registry, exactly once', async () => {
    expect(app.get(JobsWorker).mode).toBe('in-process');
    const before = verifyCalls.length;
    await inTransaction(app.get(DataSource), (tx) =>
      app.get(OutboxService).enqueue(tx, JobName.AuditVerify, { n: 2 } as never, { jobId: 'embedded' }),
    );
    await waitFor(() => verifyCalls.length > before);
    await sleep(300);
    expect(verifyCalls.slice(before)).toEqual([{ n: 2 }]);
    expect(
      await app
        .get(DataSource)
        .query(`SELECT status, attempts FROM outbox_jobs WHERE job_id = 'audit.verify/embedded'`),
    ).toEqual([{ status: 'completed', attempts: 1 }]);
    // The checkpoint schedule ticked at start and its row ran like any other job.
    await waitFor(
      async () =>
        (
          await app
            .get(DataSource)
            .query(`SELECT 1 FROM outbox_jobs WHERE name = 'audit.checkpoint' AND status = 'completed'`)
        ).length === 1,
    );
  });
});

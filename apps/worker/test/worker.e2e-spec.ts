import { generateKeyPairSync } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import { loadConfig } from '@accord/config';
import { JobHandlerRegistry, JobName, JobsWorker, QueueName } from '@accord/jobs';
import {
  clearRedisPrefix,
  createTestDatabase,
  TEST_REDIS_URL,
  testRedisPrefix,
  type TestDatabase,
} from '@accord/testing';
import { WorkerModule } from '../src/worker.module';

describe('worker app', () => {
  let db: TestDatabase;
  let prefix: string;
  let app: INestApplicationContext;
  let queue: Queue;

  beforeAll(async () => {
    db = await createTestDatabase('workerapp');
    prefix = testRedisPrefix('wapp');
    const signingKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: db.appUrl,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      AUDIT_SIGNING_KEY: signingKey,
      AUDIT_CHECKPOINT_INTERVAL_SECONDS: '5',
    });
    app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
      logger: false,
      abortOnError: false,
    });
    queue = new Queue(QueueName.Audit, { connection: { url: TEST_REDIS_URL }, prefix });
  });

  afterAll(async () => {
    await app.close();
    await queue.close();
    await db.drop();
    await clearRedisPrefix(prefix);
  });

  it('boots with a handler for every job and runs the scheduled audit checkpoint on BullMQ', async () => {
    expect(app.get(JobsWorker).mode).toBe('bullmq');
    const registry = app.get(JobHandlerRegistry);
    for (const name of Object.values(JobName)) expect(registry.get(name)).toBeInstanceOf(Function);
    const deadline = Date.now() + 15_000;
    let completed = 0;
    while (completed === 0 && Date.now() < deadline) {
      completed = (await queue.getJobs(['completed'])).filter((job) => job.name === JobName.AuditCheckpoint).length;
      if (completed === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(completed).toBeGreaterThan(0);
    expect(await queue.getJobs(['failed'])).toEqual([]);
  });
});

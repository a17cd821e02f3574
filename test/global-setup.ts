import { randomBytes } from 'node:crypto';

/** Gives this run an id; every database and Redis prefix a suite creates carries it. */
export default async function globalSetup(): Promise<void> {
  process.env.ACCORD_TEST_RUN ??= `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  process.env.NODE_ENV = 'test';
}

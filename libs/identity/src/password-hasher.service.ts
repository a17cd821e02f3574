import { Injectable } from '@nestjs/common';
import { argon2id, hash, needsRehash, verify } from 'argon2';
import { AppConfig } from '@accord/config';
import { Semaphore } from './semaphore';

export interface Argon2Parameters {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** OWASP's floor for argon2id; loadConfig refuses anything lower. */
export const ARGON2_FLOOR: Argon2Parameters = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

/**
 * argon2id hashing under a per-process concurrency limit: a burst of logins queues instead of
 * allocating 19 MiB per attempt at once.
 */
@Injectable()
export class PasswordHasher {
  readonly parameters: Argon2Parameters;
  private readonly slots: Semaphore;
  private dummy?: Promise<string>;

  constructor(config: AppConfig) {
    this.parameters = {
      memoryCost: config.passwordHashMemoryKib,
      timeCost: config.passwordHashIterations,
      parallelism: config.passwordHashParallelism,
    };
    this.slots = new Semaphore(config.passwordHashConcurrency);
  }

  hash(password: string): Promise<string> {
    return this.slots.run(() => hash(password, { type: argon2id, ...this.parameters }));
  }

  verify(encoded: string, password: string): Promise<boolean> {
    return this.slots.run(async () => {
      try {
        return await verify(encoded, password);
      } catch {
        return false;
      }
    });
  }

  /** True when the hash was made with other parameters than today's, so login upgrades it. */
  needsRehash(encoded: string): boolean {
    try {
      return needsRehash(encoded, { ...this.parameters });
    } catch {
      return true;
    }
  }

  /**
   * Spends the same work as a real verification for a login name that has no password, so the
   * response time does not tell whether an account exists.
   */
  async verifyDummy(password: string): Promise<void> {
    this.dummy ??= this.hash('accord-dummy-password-never-matches');
    await this.verify(await this.dummy, password);
  }
}

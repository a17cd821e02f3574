import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, ConfigError, loadConfig } from '@accord/config';
import { DomainException } from '@accord/http';
import {
  demoAccountsListing,
  demoTotpCode,
  EnrollmentMailer,
  type InvitedUser,
  OrganizationsService,
} from '@accord/identity';
import { OrgKind } from '@accord/policy';
import { clusterDirOf } from '@accord/database';
import { prepareDatabase } from '@accord/schema';
import { KeyRotationService } from '@accord/key-rotation';
import { CliModule, KeyRotationCliModule } from './cli.module';

const USAGE = `Usage: npm run accord -- <command> [options]

  create-operator --email <address>
      A platform operator account; its one-time enrollment link (24 h) is e-mailed to the address
      (SMTP_URL), or printed in embedded demo mode only.
  create-org --name <name> --kind <police|community|hospital|city> --admin-email <address>
      An organization with its first org admin; the admin's one-time enrollment link (24 h) is
      e-mailed to the admin (SMTP_URL), or printed in embedded demo mode only.
  demo-code <email>
      The current TOTP code of a demo account (embedded demo city only).
  demo-accounts
      Who to log in as for each journey of the demo city, then every other demo account.
  rotate-keys
      After putting a new key first in DATA_ENCRYPTION_KEYS: reseal every referral, case note,
      incident record, TOTP seed and webhook secret with it. Old keys can leave the ring once this has run.
`;

/** The login `prepareDatabase` gives the application in embedded mode (libs/schema). */
const EMBEDDED_APP_ROLE = 'accord_app_login';

/** What `rotate-keys` resealed, by kind, in the words and order it always printed; a new kind reads as its key. */
const RESEALED_AS: Record<string, string> = {
  referrals: 'referrals',
  notes: 'case notes',
  incidents: 'incidents',
  secrets: 'secrets',
};
function resealedCounts(done: Record<string, number>): string {
  const kinds = [...Object.keys(RESEALED_AS), ...Object.keys(done).filter((kind) => !(kind in RESEALED_AS))];
  return kinds.map((kind) => `${done[kind] ?? 0} ${RESEALED_AS[kind] ?? kind}`).join(', ');
}

/**
 * The database to talk to: DATABASE_URL, or the embedded one. When `npm start` already runs the
 * embedded server, the command connects to it instead of starting a second one.
 */
async function database(config: AppConfig): Promise<{ config: AppConfig; stop(): Promise<void> }> {
  const dir = resolve(config.embeddedDataDir);
  if (
    config.isEmbeddedDatabase &&
    existsSync(join(clusterDirOf(dir), 'postmaster.pid')) &&
    existsSync(join(dir, 'postgres-app-password'))
  ) {
    const password = readFileSync(join(dir, 'postgres-app-password'), 'utf8').trim();
    const url =
      `postgres://${EMBEDDED_APP_ROLE}:` +
      `${encodeURIComponent(password)}@127.0.0.1:${config.embeddedPostgresPort}/accord`;
    return {
      config: Object.assign(Object.create(Object.getPrototypeOf(config) as object) as AppConfig, config, {
        databaseUrl: url,
      }),
      stop: async () => undefined,
    };
  }
  const prepared = await prepareDatabase(config, () => undefined);
  return { config: prepared.config, stop: () => prepared.stop() };
}

async function withServices<T>(
  work: (organizations: OrganizationsService, mailer: EnrollmentMailer) => Promise<T>,
): Promise<T> {
  const db = await database(loadConfig());
  try {
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(db.config), {
      logger: ['error'],
      abortOnError: false,
    });
    try {
      return await work(app.get(OrganizationsService), app.get(EnrollmentMailer));
    } finally {
      await app.close();
    }
  } finally {
    await db.stop();
  }
}

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') {
    console.error(`Missing --${name}\n\n${USAGE}`);
    process.exit(2);
  }
  return value.trim();
}

/**
 * Enrollment links go to the person's own address (issue 12): whoever runs the command line must
 * not be able to enroll as the new operator or admin. Only on an embedded (demo) database, where
 * the person at the console is the one trying Accord, is the link printed instead.
 */
function assertLinksCanLeave(): void {
  const config = loadConfig();
  if (!config.isEmbeddedDatabase && !config.smtpUrl) {
    console.error(
      'Set SMTP_URL first: the one-time enrollment link is e-mailed to the new account’s own address (it is ' +
        'printed only in embedded demo mode).',
    );
    process.exit(2);
  }
}

async function handOut(invited: InvitedUser, mailer: EnrollmentMailer): Promise<string> {
  if (loadConfig().isEmbeddedDatabase)
    return (
      `One-time enrollment link (embedded demo mode only; valid until ${invited.enrollment.expiresAt}):\n\n  ` +
      `${invited.enrollment.url}\n`
    );
  if (await mailer.send(invited.user.email, invited.enrollment))
    return (
      `The one-time enrollment link was e-mailed to ${invited.user.email} (valid until ` +
      `${invited.enrollment.expiresAt}).\n`
    );
  process.exitCode = 1;
  return (
    `The enrollment link could not be e-mailed to ${invited.user.email} (check SMTP_URL); an org admin or this ` +
    `command can issue a new one.\n`
  );
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      kind: { type: 'string' },
      'admin-email': { type: 'string' },
    },
    allowPositionals: true,
  });
  switch (command) {
    case 'create-operator': {
      const email = required(values, 'email');
      assertLinksCanLeave();
      const told = await withServices(async (orgs, mailer) =>
        handOut(await orgs.createOperator({ bypassAuthorization: 'command-line' }, email), mailer),
      );
      console.log(`Platform operator created. ${told}`);
      return;
    }
    case 'create-org': {
      const name = required(values, 'name');
      const kind = required(values, 'kind') as OrgKind;
      if (![OrgKind.Police, OrgKind.Community, OrgKind.Hospital, OrgKind.City].includes(kind)) {
        console.error('--kind must be police, community, hospital or city');
        process.exit(2);
      }
      const adminEmail = required(values, 'admin-email');
      assertLinksCanLeave();
      const told = await withServices(async (orgs, mailer) => {
        const created = await orgs.create({ bypassAuthorization: 'command-line' }, { name, kind, adminEmail });
        return (
          `Organization "${created.organization.name}" (${created.organization.kind}) created with its first ` +
          `admin. ${await handOut(created.admin, mailer)}`
        );
      });
      console.log(told);
      return;
    }
    case 'demo-code': {
      const email = positionals[0] ?? (typeof values.email === 'string' ? values.email : undefined);
      const code = email ? demoTotpCode(email) : null;
      if (!code) {
        console.error('demo-code works for the demo accounts only (see: npm run accord -- demo-accounts)');
        process.exit(2);
      }
      console.log(code);
      return;
    }
    case 'rotate-keys': {
      const db = await database(loadConfig());
      try {
        const app = await NestFactory.createApplicationContext(KeyRotationCliModule.forRoot(db.config), {
          logger: ['error'],
          abortOnError: false,
        });
        try {
          const done = await app.get(KeyRotationService).rotate();
          console.log(`Resealed with the current key: ${resealedCounts(done)}`);
        } finally {
          await app.close();
        }
      } finally {
        await db.stop();
      }
      return;
    }
    case 'demo-accounts': {
      console.log(demoAccountsListing().join('\n'));
      return;
    }
    default:
      console.log(USAGE);
      if (command && command !== 'help' && command !== '--help') process.exit(2);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof DomainException) console.error(`Refused (${error.code}): ${error.message}`);
  else console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

import { Client } from 'pg';

/**
 * NOLOGIN group role that holds the application's privileges. Migrations grant to it; the
 * login the API and worker use is a member of it, so the app never runs as the schema owner.
 */
export const APPLICATION_GROUP_ROLE = 'accord_app';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Makes sure a login role exists, belongs to the application group and has the given password.
 * Run by the schema owner (migration step, embedded mode, tests). Roles are cluster-wide, so
 * concurrent callers on other databases may race: a duplicate is not an error.
 */
export async function ensureApplicationLogin(ownerUrl: string, user: string, password: string): Promise<void> {
  if (!IDENTIFIER.test(user)) throw new Error('application role name must be a plain lower-case identifier');
  const client = new Client({ connectionString: ownerUrl, application_name: 'accord-role-setup' });
  await client.connect();
  try {
    const literal = (await client.query<{ q: string }>('SELECT quote_literal($1) AS q', [password])).rows[0]!.q;
    await client.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APPLICATION_GROUP_ROLE}') THEN
          CREATE ROLE ${APPLICATION_GROUP_ROLE} NOLOGIN;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$;`);
    await client.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${user}') THEN
          CREATE ROLE ${user} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT IN ROLE ${APPLICATION_GROUP_ROLE};
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$;`);
    await client.query(`ALTER ROLE ${user} WITH LOGIN PASSWORD ${literal}`).catch((error: unknown) => {
      // Concurrent ALTERs of the same role from parallel test databases: the last one wins, same password.
      if (!(error instanceof Error) || !/tuple concurrently updated/.test(error.message)) throw error;
    });
    await client.query(`GRANT ${APPLICATION_GROUP_ROLE} TO ${user}`).catch((error: unknown) => {
      if (!(error instanceof Error) || !/tuple concurrently updated|already a member/.test(error.message)) throw error;
    });
  } finally {
    await client.end();
  }
}

/** Same server and database as `ownerUrl`, logged in as `user`. */
export function urlForRole(ownerUrl: string, user: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = user;
  url.password = password;
  return url.toString();
}

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { TOTP_PERIOD_SECONDS, totpCodeForStep, totpStepAt } from '../../../../libs/identity/src/totp';
import { enrollmentLinkIn, mailsInDir } from '../../../../libs/testing/src/smtp-sink';
import { testMailDir, testServerEnv, testServerUrl } from './servers';

const ROOT = resolve(__dirname, '../../../..');

/** A long, uncommon password (the server refuses short or common ones). */
export const PASSWORD = 'lantern river okra forty-seven';

/** Addresses unique to this run, so tests never meet each other's people. */
export function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}@e2e.accord.example`;
}

/** The token in an enrollment link (`…/enroll#token=…`). */
export function tokenOf(enrollmentUrl: string): string {
  return new URL(enrollmentUrl).hash.replace(/^#token=/, '');
}

/**
 * A person's authenticator: each code is accepted once and never one older than the last used,
 * so it hands out the code of the next unused step (this one or the next, which the server
 * accepts for clock drift), waiting for the clock only if both are spent.
 */
export class Authenticator {
  private lastStep = -Infinity;

  constructor(readonly secret: string) {}

  /** Marks the step of a code the person typed themselves (e.g. in the enrollment screen). */
  used(code: string, at = Date.now()): void {
    const step = totpStepAt(at);
    for (const s of [step - 1, step, step + 1])
      if (totpCodeForStep(this.secret, s) === code) this.lastStep = Math.max(this.lastStep, s);
  }

  async nextCode(): Promise<string> {
    let now = Date.now();
    const step = Math.max(totpStepAt(now), this.lastStep + 1);
    while (step > totpStepAt(now) + 1) {
      // Both usable steps are spent: wait for the clock to reach the next one.
      await new Promise((r) => setTimeout(r, (totpStepAt(now) + 1) * TOTP_PERIOD_SECONDS * 1000 - now + 50));
      now = Date.now();
    }
    this.lastStep = step;
    return totpCodeForStep(this.secret, step);
  }
}

/**
 * The enrollment link the test API e-mailed to `email` (issue 12: it reaches only the person's own
 * address), from the SMTP sink's files. Sending completes before the API or CLI answers.
 */
export function emailedEnrollmentLink(email: string): string {
  const url = enrollmentLinkIn(mailsInDir(testMailDir()), email);
  if (!url) throw new Error(`no enrollment link was e-mailed to ${email}`);
  return url;
}

/**
 * `npm run accord -- create-org …` against the test API's database: the operator's real path (the link goes to the
 * admin by e-mail).
 */
export function createOrganization(
  name: string,
  kind: 'police' | 'community' | 'hospital' | 'city',
  adminEmail: string,
): { enrollmentUrl: string } {
  const out = execFileSync(
    process.execPath,
    [
      join(ROOT, 'dist/apps/cli/src/accord.cli.js'),
      'create-org',
      '--name',
      name,
      '--kind',
      kind,
      '--admin-email',
      adminEmail,
    ],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...testServerEnv() },
      encoding: 'utf8',
    },
  );
  if (/enroll#token=/.test(out))
    throw new Error(`create-org printed an enrollment link outside embedded mode:\n${out}`);
  return { enrollmentUrl: emailedEnrollmentLink(adminEmail) };
}

export interface Person {
  email: string;
  authenticator: Authenticator;
}

/** Enrollment through the API (for people a test needs but whose enrollment it does not watch). */
export async function enrollByApi(request: APIRequestContext, enrollmentUrl: string, email: string): Promise<Person> {
  const token = tokenOf(enrollmentUrl);
  const started = await request.post(`${testServerUrl()}/api/v1/auth/enrollment`, {
    data: { token, password: PASSWORD },
  });
  if (!started.ok()) throw new Error(`enrollment failed: ${started.status()} ${await started.text()}`);
  const authenticator = new Authenticator(((await started.json()) as { secret: string }).secret);
  const confirmed = await request.post(`${testServerUrl()}/api/v1/auth/enrollment/confirm`, {
    data: { token, code: await authenticator.nextCode() },
  });
  if (!confirmed.ok()) throw new Error(`confirmation failed: ${confirmed.status()} ${await confirmed.text()}`);
  return { email, authenticator };
}

/** A Bearer token for API calls made as `person` (setup steps, not what the test watches). */
export async function apiToken(request: APIRequestContext, person: Person): Promise<string> {
  const res = await request.post(`${testServerUrl()}/api/v1/auth/login`, {
    data: { email: person.email, password: PASSWORD, code: await person.authenticator.nextCode(), client: 'api' },
  });
  if (!res.ok()) throw new Error(`login failed: ${res.status()} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** An organization with an enrolled admin, and a way to invite more people into it. */
export async function organizationWithAdmin(
  request: APIRequestContext,
  kind: 'police' | 'community' | 'hospital' | 'city' = 'community',
) {
  const adminEmail = uniqueEmail('admin');
  const { enrollmentUrl } = createOrganization(`E2E ${kind} ${randomBytes(3).toString('hex')}`, kind, adminEmail);
  const admin = await enrollByApi(request, enrollmentUrl, adminEmail);
  const token = await apiToken(request, admin);
  return {
    admin,
    token,
    /** Invites someone and returns their enrollment link (not yet used). */
    async invite(email: string, roles: string[], displayName?: string): Promise<{ id: string; enrollmentUrl: string }> {
      const res = await request.post(`${testServerUrl()}/api/v1/users`, {
        headers: { Authorization: `Bearer ${token}` },
        data: { email, roles, ...(displayName ? { displayName } : {}) },
      });
      if (res.status() !== 201) throw new Error(`invite failed: ${res.status()} ${await res.text()}`);
      const body = (await res.json()) as { user: { id: string }; enrollment: { emailed: boolean } };
      if (!body.enrollment.emailed) throw new Error('the invitation was not e-mailed');
      return { id: body.user.id, enrollmentUrl: emailedEnrollmentLink(email) };
    },
  };
}

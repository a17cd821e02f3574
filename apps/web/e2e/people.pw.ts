import type { APIRequestContext } from '@playwright/test';
import { Client } from 'pg';
import { enrollByApi, organizationWithAdmin, PASSWORD, uniqueEmail } from './support/accord';
import { expect, look, test } from './support/fixtures';
import { signIn } from './support/partnership';
import { demoServerUrl, testServerEnv, testServerUrl } from './support/servers';

/** Five wrong passwords in a row lock an account until its admin releases it (docs/identity.md, Lockout). */
async function lockOut(request: APIRequestContext, email: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const res = await request.post(`${testServerUrl()}/api/v1/auth/login`, {
      data: { email, password: 'not the password, attempt ' + attempt, code: '000000', client: 'api' },
    });
    expect(res.status()).toBe(401);
  }
}

/**
 * The admin signed in more than five minutes ago: a role change then needs a fresh re-authentication (within five
 * minutes of a sign-in it goes through at once). The test API runs on the real clock, so the session's sign-in time is
 * moved back instead of waiting.
 */
async function signedInLongAgo(email: string): Promise<void> {
  const db = new Client({ connectionString: testServerEnv().DATABASE_URL });
  await db.connect();
  try {
    const moved = await db.query(
      `UPDATE sessions SET authenticated_at = authenticated_at - interval '6 minutes'
        WHERE user_id = (SELECT id FROM users WHERE email = $1) AND revoked_at IS NULL`,
      [email],
    );
    expect(moved.rowCount).toBeGreaterThan(0);
  } finally {
    await db.end();
  }
}

test(
  'the org admin invites a person, changes a role after confirming it is them, disables and enables someone, ' +
    'releases a lockout and resets a sign-in; each shows in the account’s history',
  async ({ page, request }) => {
    test.setTimeout(150_000);
    const org = await organizationWithAdmin(request, 'community');
    const workerEmail = uniqueEmail('worker');
    const worker = await org.invite(workerEmail, ['outreach_worker'], 'Marta Quintero');
    await enrollByApi(request, worker.enrollmentUrl, workerEmail);
    const lockedEmail = uniqueEmail('locked');
    const locked = await org.invite(lockedEmail, ['outreach_worker'], 'Dev Patel');
    await enrollByApi(request, locked.enrollmentUrl, lockedEmail);
    await lockOut(request, lockedEmail);

    await signIn(page, org.admin, /\/(home|agreements)$/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await expect(page).toHaveURL(/\/people$/);
    await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeFocused();
    const people = page.getByRole('region', { name: 'Your organization’s people' });
    const card = (name: string) => people.getByRole('listitem').filter({ hasText: name });
    await expect(card('Marta Quintero')).toContainText('Active');
    await expect(card('Dev Patel')).toContainText('Locked');

    // Invite: only the roles a community organization may hold are offered; the e-mail is checked at its field.
    const invite = page.getByRole('region', { name: 'Invite a person' });
    await expect(invite.getByRole('checkbox')).toHaveCount(4);
    await expect(invite.getByRole('checkbox', { name: 'Police liaison' })).toHaveCount(0);
    await invite.getByLabel('Name').fill('Luis Ortega');
    await invite.getByLabel('E-mail address').fill('not an address');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await expect(invite.getByText('Enter an e-mail address, such as name@example.org')).toBeVisible();
    await expect(invite.getByText('Choose at least one role')).toBeVisible();
    const newEmail = uniqueEmail('invited');
    await invite.getByLabel('E-mail address').fill(newEmail);
    await invite.getByRole('checkbox', { name: 'Outreach worker' }).check();
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await expect(invite.getByRole('status')).toContainText(`Invitation sent to ${newEmail}`);
    await expect(card('Luis Ortega')).toContainText('Invited');
    await expect(card('Luis Ortega')).toContainText(newEmail);
    // The same address again: the API's refusal at the field.
    await invite.getByLabel('E-mail address').fill(newEmail);
    await invite.getByRole('checkbox', { name: 'Board member' }).check();
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await expect(invite.getByText('Someone with this e-mail address already has an account')).toBeVisible();
    await look(page, 'people');

    // A role change asks for the password and a fresh code again, once the sign-in is more than five minutes old.
    await signedInLongAgo(org.admin.email);
    await people.getByRole('link', { name: 'Manage Marta Quintero' }).click();
    await expect(page.getByRole('heading', { name: 'Marta Quintero', level: 1 })).toBeFocused();
    const roles = page.getByRole('region', { name: 'Roles' });
    await roles.getByRole('checkbox', { name: 'Program manager' }).check();
    await roles.getByRole('button', { name: 'Save roles' }).click();
    const confirm = page.getByRole('dialog', { name: 'Confirm it is you' });
    await expect(confirm).toBeVisible();
    await confirm.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
    await confirm.getByLabel('Code from your authenticator app').fill(await org.admin.authenticator.nextCode());
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await expect(roles.getByRole('status')).toHaveText('Roles saved.');
    await expect(roles.getByRole('checkbox', { name: 'Program manager' })).toBeChecked();
    const history = page.getByRole('region', { name: 'History' });
    await expect(history.getByRole('listitem').first()).toContainText(
      /Roles changed from Outreach worker to (Outreach worker, Program manager|Program manager, Outreach worker)/,
    );
    await expect(history.getByRole('listitem').first()).toContainText('by you');
    await expect(history).toContainText('Finished enrollment');

    // Disable (after a confirmation), then enable.
    const account = page.getByRole('region', { name: 'Account' });
    await account.getByRole('button', { name: 'Disable account' }).click();
    const disable = page.getByRole('dialog', { name: 'Disable Marta Quintero’s account?' });
    await expect(disable).toContainText('signed out everywhere');
    await disable.getByRole('button', { name: 'Disable' }).click();
    await expect(account.getByRole('status')).toContainText('Account disabled');
    await expect(page.getByText('Disabled', { exact: true })).toBeVisible();
    await expect(history.getByRole('listitem').first()).toContainText('Account disabled · ');
    await look(page, 'person');
    await account.getByRole('button', { name: 'Enable account' }).click();
    await expect(account.getByRole('status')).toHaveText('Account enabled.');
    await expect(history.getByRole('listitem').first()).toContainText('Account enabled');
    await expect(account.getByRole('button', { name: 'Disable account' })).toBeVisible();

    // The locked-out person: their failed attempts, the lock, and the release.
    await page.getByRole('link', { name: 'All people' }).click();
    await people.getByRole('link', { name: 'Manage Dev Patel' }).click();
    await expect(page.getByRole('heading', { name: 'Dev Patel', level: 1 })).toBeFocused();
    await expect(history).toContainText('Locked after repeated failed sign-ins');
    await expect(history).toContainText('Failed sign-in attempt: wrong password');
    await account.getByRole('button', { name: 'Release lockout' }).click();
    await expect(account.getByRole('status')).toContainText('Lockout released');
    await expect(history.getByRole('listitem').first()).toContainText('Lockout released · ');
    await expect(page.getByText('Active', { exact: true })).toBeVisible();
    // Nothing of where the attempts came from.
    await expect(history).not.toContainText('127.0.0.1');

    // Reset the sign-in (after a confirmation): a new link goes to the person's own address, never to the page.
    await account.getByRole('button', { name: 'Reset sign-in' }).click();
    const reset = page.getByRole('dialog', { name: 'Reset Dev Patel’s sign-in?' });
    await reset.getByRole('button', { name: 'Reset' }).click();
    await expect(account.getByRole('status')).toContainText(`A new link was e-mailed to ${lockedEmail}`);
    await expect(page.getByText('Invited', { exact: true }).first()).toBeVisible();
    await expect(history.getByRole('listitem').first()).toContainText('Sign-in reset · ');
    expect(await page.content()).not.toContain('enroll#token=');
  },
);

test('in Spanish: the people and a person’s history', async ({ page, request }) => {
  const org = await organizationWithAdmin(request, 'police');
  const email = uniqueEmail('liaison');
  await org.invite(email, ['police_liaison'], 'Sgt. Ana Ruiz');
  await signIn(page, org.admin, /\/(home|agreements)$/);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
  await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Personas' }).click();
  await expect(page.getByRole('heading', { name: 'Personas', level: 1 })).toBeVisible();
  const invite = page.getByRole('region', { name: 'Invitar a una persona' });
  // A police department's roles: admin, liaison, board member.
  await expect(invite.getByRole('checkbox')).toHaveCount(3);
  await expect(invite.getByRole('checkbox', { name: 'Enlace policial' })).toBeVisible();
  const card = page.getByRole('listitem').filter({ hasText: 'Sgt. Ana Ruiz' });
  await expect(card).toContainText('Invitada');
  await look(page, 'people-es');
  await page.getByRole('link', { name: 'Gestionar a Sgt. Ana Ruiz' }).click();
  await expect(page.getByRole('region', { name: 'Historial' })).toContainText('Invitada');
  await expect(page.getByRole('region', { name: 'Historial' })).toContainText('por usted');
  await look(page, 'person-es');
});

test('on the embedded demo, which sends no e-mail, the admin is told the invitation left no e-mail', async ({
  page,
}) => {
  await page.goto(`${demoServerUrl()}/sign-in`);
  await page.getByRole('button', { name: /org-admin@outreach\.riverton\.demo/ }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeFocused();
  const invite = page.getByRole('region', { name: 'Invite a person' });
  const email = uniqueEmail('demo-invited');
  await invite.getByLabel('E-mail address').fill(email);
  await invite.getByRole('checkbox', { name: 'Outreach worker' }).check();
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  // No link anywhere on the page: only that none left, and what settles it.
  await expect(invite.getByRole('status')).toContainText(`${email} was invited, but no e-mail left`);
  await expect(invite.getByRole('status')).toContainText('reset their sign-in to send a new one');
  expect(await page.content()).not.toContain('enroll#token=');
  await expect(page.getByRole('listitem').filter({ hasText: email })).toContainText('Invited');
  await look(page, 'people-demo-no-email');
});

import { randomBytes } from 'node:crypto';
import { totpCodeForStep, totpStepAt } from '../../../libs/identity/src/totp';
import {
  Authenticator,
  createOrganization,
  organizationWithAdmin,
  PASSWORD,
  enrollByApi,
  uniqueEmail,
} from './support/accord';
import { expect, look, test } from './support/fixtures';

/** Every answer the page got from the API was marked no-store (and there were some). */
function expectNothingStored(answers: { url: string; cacheControl: string | undefined }[]) {
  expect(answers.length).toBeGreaterThan(0);
  expect(answers.filter((a) => a.cacheControl !== 'no-store')).toEqual([]);
}

test('enrollment from an invitation link to the first sign-in, then a password change', async ({
  page,
  apiAnswers,
}) => {
  const email = uniqueEmail('ana');
  const organization = `E2E Street Outreach ${randomBytes(3).toString('hex')}`;
  const { enrollmentUrl } = createOrganization(organization, 'community', email);

  await page.goto(enrollmentUrl);
  await expect(page.getByRole('heading', { name: 'Set up your Accord account' })).toBeVisible();
  // The token leaves the address bar (and the history entry) as soon as the page has it.
  await expect(page).toHaveURL(/\/enroll$/);
  await look(page, 'enroll-1-password');

  await page.getByRole('textbox', { name: 'New password', exact: true }).fill('short');
  await expect(page.getByText('Password strength: too short, 7 more characters needed')).toBeVisible();
  // The server's own rule, in plain words: a common password is refused even when long enough.
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill('password1234');
  await page.getByLabel('Repeat the new password').fill('password1234');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toHaveText('This is a commonly used password; choose another one.');

  await page.getByRole('textbox', { name: 'New password', exact: true }).fill(PASSWORD);
  await page.getByLabel('Repeat the new password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('img', { name: 'QR code to add Accord to your authenticator app' })).toBeVisible();
  const key = (await page.getByLabel(/Add an account in the app by hand with this key/).inputValue()).replace(
    /\s+/g,
    '',
  );
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  await look(page, 'enroll-2-authenticator');

  const authenticator = new Authenticator(key);
  await page.getByLabel('Code from your authenticator app').fill(await authenticator.nextCode());
  await page.getByRole('button', { name: 'Confirm and finish' }).click();
  await expect(page.getByText('Your account is ready. Sign in with your e-mail')).toBeVisible();
  await look(page, 'enroll-3-done');

  await page.getByRole('button', { name: 'Go to sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Accord' })).toBeVisible();
  await expect(page.getByLabel('E-mail')).toHaveValue(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
  await page.getByLabel('Code from your authenticator app').fill(await authenticator.nextCode());
  await page.getByRole('button', { name: 'Sign in' }).click();

  // An org admin has no screen of their own yet: the home page says who is signed in.
  await expect(page.getByRole('heading', { name: `Welcome, ${email}` })).toBeVisible();
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByText(`You are signed in to Accord for ${organization}.`)).toBeVisible();
  await look(page, 'home');

  await page.getByRole('button', { name: /account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { name: 'Change your password' })).toBeVisible();
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill(`${PASSWORD} again`);
  await page.getByLabel('Repeat the new password').fill(`${PASSWORD} again`);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status')).toHaveText('Your password is changed. Your other sessions were signed out.');
  await look(page, 'change-password');

  expectNothingStored(apiAnswers);
});

test('sign-in errors in plain words: a wrong code, then a locked account that answers the same', async ({
  page,
  request,
}) => {
  const { admin } = await organizationWithAdmin(request);
  const wrongCode = () => {
    const step = totpStepAt(Date.now());
    const valid = new Set([-1, 0, 1].map((d) => totpCodeForStep(admin.authenticator.secret, step + d)));
    for (let n = 0; ; n++) if (!valid.has(String(n).padStart(6, '0'))) return String(n).padStart(6, '0');
  };

  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(admin.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
  await page.getByLabel('Code from your authenticator app').fill(wrongCode());
  await page.getByRole('button', { name: 'Sign in' }).click();
  const refused =
    'The e-mail, password or code is not right. Check them and try again with a fresh code. After five failed ' +
    'attempts the account locks until your organization’s admin unlocks it.';
  await expect(page.getByRole('alert')).toHaveText(refused);
  // A code is good once: the field is emptied for a fresh one.
  await expect(page.getByLabel('Code from your authenticator app')).toHaveValue('');
  await look(page, 'sign-in-error');

  // Five failures lock the account (CJIS AC-7); the right password and code are refused after that.
  // Each failure is awaited at the API: a click while the previous answer is pending would be lost.
  for (let attempt = 2; attempt <= 5; attempt++) {
    await page.getByLabel('Code from your authenticator app').fill(wrongCode());
    const answered = page.waitForResponse((res) => res.url().endsWith('/api/v1/auth/login'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect((await answered).status()).toBe(401);
    await expect(page.getByLabel('Code from your authenticator app')).toHaveValue('');
  }
  // A locked account answers exactly like a wrong attempt (issue 12: nothing confirms the password),
  // so the page says the same words, which tell what locking means and who unlocks.
  await page.getByLabel('Code from your authenticator app').fill(await admin.authenticator.nextCode());
  const locked = page.waitForResponse((res) => res.url().endsWith('/api/v1/auth/login'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  expect((await locked).status()).toBe(401);
  await expect(page.getByRole('alert')).toHaveText(refused);
  await expect(page).toHaveURL(/\/sign-in/);
});

test('an outreach worker lands on the inbox; after sign-out nothing of theirs is readable, not even with Back', async ({
  page,
  request,
  context,
  apiAnswers,
}) => {
  const org = await organizationWithAdmin(request);
  const email = uniqueEmail('marta');
  const invited = await org.invite(email, ['outreach_worker'], 'Marta Quintero');
  const worker = await enrollByApi(request, invited.enrollmentUrl, email);

  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel('E-mail').fill(worker.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
  await page.getByLabel('Code from your authenticator app').fill(await worker.authenticator.nextCode());
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByRole('button', { name: 'Marta Quintero: account menu' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' })).toBeVisible();
  await look(page, 'app-shell-outreach-worker');
  // A second page in this tab's history, for the Back button below.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My referrals' }).click();
  await expect(page).toHaveURL(/\/referrals\/mine$/);

  await page.getByRole('button', { name: 'Marta Quintero: account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in\?reason=signed-out$/);
  await expect(page.getByText('You are signed out. Nothing from your session is kept in this browser.')).toBeVisible();
  const personal = [/Marta Quintero/, new RegExp(email.replace(/[.]/g, '\\.'))];
  for (const text of personal) await expect(page.locator('body')).not.toContainText(text);

  // Back goes to the inbox address; the page asks the API again, which says "not signed in".
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Sign in to Accord' })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
  for (const text of personal) await expect(page.locator('body')).not.toContainText(text);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in to Accord' })).toBeVisible();
  for (const text of personal) await expect(page.locator('body')).not.toContainText(text);

  expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key !== 'accord.language'))).toEqual([]);
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  expect((await context.cookies()).map((c) => c.name)).not.toContain('accord_session');
  expect((await page.request.get('/api/v1/me')).status()).toBe(401);
  expectNothingStored(apiAnswers);
});

test('a session ended by the server sends the person to sign in, in plain words', async ({ page, request }) => {
  const org = await organizationWithAdmin(request);
  const email = uniqueEmail('eli');
  const invited = await org.invite(email, ['outreach_worker'], 'Eli Navarro');
  const worker = await enrollByApi(request, invited.enrollmentUrl, email);
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(worker.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
  await page.getByLabel('Code from your authenticator app').fill(await worker.authenticator.nextCode());
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/inbox$/);

  // The admin disables the account: every session of it ends at once.
  const disabled = await request.post(`/api/v1/users/${invited.id}/disable`, {
    headers: { Authorization: `Bearer ${org.token}` },
  });
  expect(disabled.status()).toBe(200);

  // Whichever notices first ends the page: the inbox's live stream, which the server closes, or the
  // next request the person makes (here: opening their referrals, if the page is still there).
  await page
    .getByRole('link', { name: 'My referrals' })
    .click({ timeout: 5_000 })
    .catch(() => undefined);
  await expect(page).toHaveURL(/\/sign-in\?reason=expired$/, { timeout: 60_000 });
  await expect(
    page.getByText(
      'Your session ended (after 30 minutes without activity, or 12 hours in all). Sign in again to continue.',
    ),
  ).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Eli Navarro');
});

test('Spanish: chosen from the browser, switchable, remembered', async ({ page, browser, baseURL }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in to Accord' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
  await expect(page.getByRole('heading', { name: 'Iniciar sesión en Accord' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByLabel('Correo electrónico')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Iniciar sesión en Accord' })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('accord.language'))).toBe('es');
  await look(page, 'sign-in-es');

  // A browser set to Spanish gets Spanish without choosing.
  const spanish = await browser.newContext({ locale: 'es-MX', baseURL });
  try {
    const other = await spanish.newPage();
    await other.goto('/sign-in');
    await expect(other.getByRole('heading', { name: 'Iniciar sesión en Accord' })).toBeVisible();
    await other.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await expect(other.getByRole('heading', { name: 'Sign in to Accord' })).toBeVisible();
  } finally {
    await spanish.close();
  }
});

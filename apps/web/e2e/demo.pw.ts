import { expect, look, test } from './support/fixtures';
import { demoServerUrl } from './support/servers';

test('the demo accounts panel shows on the embedded demo city only', async ({ page }) => {
  // The production-like server: no panel, and the API denies the route exists.
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in to Accord' })).toBeVisible();
  expect((await page.request.get('/api/v1/demo/accounts')).status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Demo city accounts' })).toHaveCount(0);

  // `npm start`'s embedded demo: pick a journey's account, the form fills itself, sign in.
  const demo = (await (await page.request.get(`${demoServerUrl()}/api/v1/demo/accounts`)).json()) as {
    password: string;
  };
  await page.goto(`${demoServerUrl()}/sign-in`);
  await expect(page.getByRole('heading', { name: 'Demo city accounts' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Send a shooting notification or a referral' })).toBeVisible();
  await look(page, 'sign-in-demo');
  await page.getByRole('button', { name: /police-liaison@police\.riverton\.demo/ }).click();
  await expect(page.getByLabel('E-mail')).toHaveValue('police-liaison@police.riverton.demo');
  await expect(page.getByRole('textbox', { name: 'Password', exact: true })).toHaveValue(demo.password);
  await expect(page.getByLabel('Code from your authenticator app')).toHaveValue(/^\d{6}$/);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The liaison lands on the department's incidents, their name in the header.
  await expect(page).toHaveURL(/\/incidents$/);
  await expect(page.getByRole('heading', { name: 'Incidents', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sgt. Luis Ortega: account menu' })).toBeVisible();
});

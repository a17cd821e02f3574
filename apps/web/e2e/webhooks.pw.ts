import { apiToken } from './support/accord';
import { expect, look, test } from './support/fixtures';
import { shareIncident, shooting } from './support/incidents';
import { signIn, twoWayPartnership } from './support/partnership';

/**
 * A documentation address (TEST-NET-3, RFC 5737): public, so the production-like test API accepts it, and
 * unreachable, so each call fails and the ledger records the failure.
 */
const RECEIVER = 'https://203.0.113.10/accord-hook';

test(
  'the org admin adds a webhook and sees its secret once (not after a reload), sees its last delivery with ' +
    'its status, and deletes it after a confirmation',
  async ({ page, request, context }) => {
    test.setTimeout(150_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const p = await twoWayPartnership(request);

    await signIn(page, p.partnerAdmin, /\/(home|agreements)$/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    await expect(page).toHaveURL(/\/webhooks$/);
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeFocused();
    await expect(page.getByText('No webhooks yet.')).toBeVisible();

    // The URL is checked at its field, by the page and then by the API (here: a host name that does not resolve).
    const add = page.getByRole('region', { name: 'Add a webhook' });
    await add.getByLabel('URL').fill('hooks.example.org/accord');
    await add.getByRole('button', { name: 'Add webhook' }).click();
    await expect(add.getByText('Enter a full address, such as https://hooks.example.org/accord')).toBeVisible();
    await add.getByLabel('URL').fill('https://user:secret@hooks.example.org/accord');
    await add.getByRole('button', { name: 'Add webhook' }).click();
    await expect(add.getByText('Leave out the user name and password')).toBeVisible();
    await add.getByLabel('URL').fill('http://203.0.113.10/accord-hook');
    await add.getByRole('button', { name: 'Add webhook' }).click();
    await expect(add.getByText('Use an https:// address (http:// works only outside production)')).toBeVisible();

    await add.getByLabel('URL').fill(RECEIVER);
    await add.getByRole('button', { name: 'Add webhook' }).click();
    const once = page.getByRole('region', { name: 'Copy the signing secret now' });
    await expect(once).toContainText('This is the only time Accord shows this secret');
    const secretField = once.getByRole('textbox', { name: 'Signing secret' });
    await expect(secretField).toHaveValue(/^whsec_/);
    const secret = await secretField.inputValue();
    await once.getByRole('button', { name: 'Copy secret' }).click();
    await expect(once.getByRole('status')).toHaveText('Copied to the clipboard');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await look(page, 'webhooks-secret');

    // A reload: the secret is gone for good; the webhook stays.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
    const list = page.getByRole('region', { name: 'Your webhooks' });
    await expect(list).toContainText(RECEIVER);
    await expect(page.getByRole('region', { name: 'Copy the signing secret now' })).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);
    await expect(list).toContainText('No alert delivered to it yet.');

    // An alert delivered to the organization calls the webhook; the unreachable receiver makes it fail and retry.
    await shareIncident(request, await apiToken(request, p.liaison), shooting('Shots fired near the corner store.'));
    const deliveries = list.getByRole('table', { name: `Last deliveries to ${RECEIVER}` });
    await expect(async () => {
      await page.reload();
      await expect(deliveries).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    const row = deliveries.getByRole('row').nth(1);
    await expect(async () => {
      await page.reload();
      await expect(row).toContainText('Failed; will retry', { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await expect(row).not.toContainText('None');
    await look(page, 'webhooks');

    // Delete, after a confirmation.
    await list.getByRole('button', { name: `Delete the webhook ${RECEIVER}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this webhook?' });
    await expect(dialog).toContainText(`Accord stops calling ${RECEIVER} at once`);
    await dialog.getByRole('button', { name: 'Delete webhook' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Webhook deleted.' })).toBeVisible();
    await expect(list).not.toContainText(RECEIVER);
    await expect(page.getByText('No webhooks yet.')).toBeVisible();
  },
);

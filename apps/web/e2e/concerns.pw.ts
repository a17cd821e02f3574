import { DESKTOP, expect, look, problemsOf, test } from './support/fixtures';
import { signIn, twoWayPartnership } from './support/partnership';

test(
  'a concern sent by a program manager reaches the police liaison live, who acknowledges it within its deadline ' +
    'and records the department’s response',
  async ({ page, browser, baseURL, request }) => {
    test.setTimeout(150_000);
    const p = await twoWayPartnership(request, { manager: 'Grace Obi', worker: 'Luis Ortega', otherWorker: 'Ada Kim' });

    // The liaison, at a desk, already has the inbox open: nothing is waiting.
    const liaisonContext = await browser.newContext({
      baseURL,
      viewport: DESKTOP,
      locale: 'en-US',
      timezoneId: 'America/Chicago',
    });
    const liaison = await liaisonContext.newPage();
    const liaisonProblems = problemsOf(liaison);
    try {
      await signIn(liaison, p.liaison, /\/incidents$/);
      await liaison.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
      const waiting = liaison.getByRole('region', { name: 'Waiting for you' });
      await expect(waiting.getByText('Nothing is waiting for you.')).toBeVisible();
      await expect(
        liaison.getByRole('status').filter({ hasText: 'Live: new alerts appear here by themselves.' }),
      ).toBeVisible();

      // The program manager writes the concern; the narrative names a phone number, which the API refuses.
      await signIn(page, p.manager, /\/triage$/);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Send a concern' }).click();
      await expect(page.getByRole('heading', { name: 'Send a concern to the police', level: 1 })).toBeVisible();
      await page.getByRole('combobox', { name: 'Concern' }).selectOption({ label: 'Rising tension' });
      await page.getByRole('textbox', { name: 'Service area' }).fill('1200 W Division');
      await page.getByRole('button', { name: 'Send the concern' }).click();
      await expect(
        page.getByText('Give a service-area code (letters, digits and dashes), not an address'),
      ).toBeVisible();
      await page.getByRole('textbox', { name: 'Service area' }).fill('D14');
      await page
        .getByRole('textbox', { name: 'What you see' })
        .fill('Tension rising near the park since Friday; families call 312-555-0123 for help.');
      await page.getByRole('textbox', { name: 'What you ask of the police' }).fill('Coordinate a walk on Saturday');
      await page.getByRole('button', { name: 'Send the concern' }).click();
      await expect(page.getByRole('textbox', { name: 'What you see' })).toHaveAttribute('aria-invalid', 'true');
      await look(page, 'concern-identifiers');
      await page.getByRole('button', { name: 'Send with identifiers removed' }).click();
      await expect(
        page
          .getByRole('status')
          .filter({ hasText: 'Concern sent. The police are expected to acknowledge it within 24 hours.' }),
      ).toBeVisible();
      const sentRow = page
        .getByRole('region', { name: 'Concerns you sent' })
        .getByRole('row', { name: /Rising tension · D14/ });
      await expect(sentRow).toContainText(/Not acknowledged yet — due by /);
      await look(page, 'concern-sent');

      // It arrives in the liaison's inbox without a reload, with its 24-hour deadline in words.
      const card = waiting.getByRole('link', { name: /Community concern/ });
      await expect(card).toBeVisible({ timeout: 20_000 });
      await expect(card).toContainText(/Due in (23 h 5\d min|1 d)/);
      await look(liaison, 'inbox-concern');
      await card.click();
      await expect(liaison.getByRole('heading', { name: 'Community concern', level: 1 })).toBeVisible();
      const released = liaison.getByRole('region', { name: 'What was shared with you' });
      const field = (label: string) =>
        released
          .locator('div')
          .filter({ has: liaison.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }) })
          .getByRole('definition');
      await expect(field('Concern')).toHaveText('Rising tension');
      await expect(field('Service area')).toHaveText('D14');
      await expect(field('What they see')).toContainText('Tension rising near the park since Friday');
      await expect(field('What they see')).not.toContainText('312-555-0123');
      await expect(field('What they ask of the police')).toHaveText('Coordinate a walk on Saturday');

      // One click, within the deadline, said in words.
      await liaison.getByRole('button', { name: 'Acknowledge' }).click();
      await expect(liaison.getByText(/^Acknowledged at .+ — within the deadline$/)).toBeVisible();
      await expect(liaison.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);
      // The program manager's page says so too, as the API does (asked again every 15 s): in time, never by whom.
      await expect(sentRow).toContainText(/Acknowledged at .+ — within the deadline/, { timeout: 30_000 });
      await expect(sentRow).not.toContainText('Ana Ruiz');
      await look(page, 'concern-acknowledged');

      // The department's response, private to it.
      const response = liaison.getByRole('region', { name: 'Your response' });
      await expect(response).toContainText('Kept by your department; never shared with the partner.');
      await response.getByText('Yes', { exact: true }).click();
      await response.getByRole('button', { name: 'Save response' }).click();
      await expect(response.getByRole('status')).toContainText('Response saved');
      await look(liaison, 'inbox-concern-acknowledged');

      // Back in the list it is acknowledged, not waiting.
      await liaison.getByRole('link', { name: 'Back to the inbox' }).click();
      await expect(waiting.getByText('Nothing is waiting for you.')).toBeVisible();
      await expect(
        liaison.getByRole('region', { name: 'Acknowledged' }).getByRole('link', { name: /Community concern/ }),
      ).toContainText('within the deadline');
      expect(liaisonProblems, 'the liaison’s page broke a CSP rule or threw').toEqual([]);
    } finally {
      await liaisonContext.close();
    }
  },
);

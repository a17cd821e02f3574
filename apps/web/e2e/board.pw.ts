import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { partnershipWithBoard } from './support/board';
import { DESKTOP, expect, look, test } from './support/fixtures';
import { signIn } from './support/partnership';
import { demoServerUrl } from './support/servers';

const OUT = resolve(__dirname, '../../../.ci/out');

test(
  'a board member opens the dashboard of the agreement, filters the audit trail, verifies the bundle in the ' +
    'browser (a tampered one fails naming the entry), signs the review off and prints the meeting pack to PDF',
  async ({ page, request }) => {
    test.setTimeout(180_000);
    const p = await partnershipWithBoard(request);

    // Board members land on their agreements, which the header offers them.
    await page.setViewportSize(DESKTOP);
    mkdirSync(OUT, { recursive: true });
    await signIn(page, p.board, /\/board$/);
    await expect(page.getByRole('heading', { name: 'Partnership board', level: 1 })).toBeFocused();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Board' })).toBeVisible();
    await page.getByRole('link', { name: `Dashboard of ${p.title}` }).click();

    // The dashboard: the period's measures against the period before, the charts with the SLA target, tables.
    await expect(page.getByRole('heading', { name: `Dashboard: ${p.title}`, level: 1 })).toBeVisible();
    const tiles = page.getByRole('list', { name: 'Measures' });
    await expect(tiles.getByRole('listitem').filter({ hasText: 'Alerts shared with the partner' })).toContainText('6');
    await expect(tiles.getByRole('listitem').filter({ hasText: 'Alerts shared with the partner' })).toContainText(
      'Up from 0',
    );
    const trend = page.getByRole('region', { name: 'Week by week' });
    await expect(trend.getByRole('img')).toBeVisible();
    await trend.getByRole('button', { name: 'Show as a table' }).click();
    await expect(trend.getByRole('table', { name: 'Week by week' })).toBeVisible();
    await expect(trend.getByRole('img')).toHaveCount(0);
    const ackTime = page.getByRole('region', { name: 'Time to acknowledge an alert' });
    await expect(ackTime).toContainText('the agreement’s deadline of 4 h');
    // The SLA target drawn on the chart, labelled.
    await expect(ackTime.locator('svg text', { hasText: 'Deadline 4 h' })).toHaveCount(1);
    await expect(page.getByRole('heading', { name: 'Open issues' })).toBeVisible();
    await look(page, 'board-dashboard');

    // The audit trail, in words, filtered to the acknowledgements of the partner's side.
    await page.getByRole('navigation', { name: 'Board sections' }).getByRole('link', { name: 'Audit trail' }).click();
    await expect(page.getByRole('heading', { name: 'Audit trail', level: 1 })).toBeFocused();
    const audit = page.getByRole('table', { name: 'Audit entries' });
    await expect(audit.getByText(`${p.policeName} shared an alert`).first()).toBeVisible();
    await page.getByLabel('What happened').selectOption('disclosure.acknowledge');
    await page.getByLabel('Organization').selectOption('partner');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/action=disclosure\.acknowledge/);
    const rows = audit.getByRole('row').filter({ has: page.getByRole('rowheader') });
    await expect(rows).toHaveCount(5);
    await expect(rows.first()).toContainText(`${p.partnerName} acknowledged an alert`);
    await expect(rows.first()).toContainText('outreach worker');
    await look(page, 'board-audit');

    // Verify in the browser: downloaded, every hash and signature checked against the partnership's key.
    await page.getByRole('navigation', { name: 'Board sections' }).getByRole('link', { name: 'Verify' }).click();
    await page.getByRole('button', { name: 'Download and verify' }).click();
    await expect(page.getByText('The audit trail is intact')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/Verified in this browser against the partnership’s key [0-9a-f]{16}/)).toBeVisible();
    await look(page, 'board-verify');

    // The board keeps a copy; the next verification must find it unchanged inside the new bundle (append-only).
    const saving = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Keep a copy of this bundle' }).click();
    const kept = resolve(OUT, 'board-kept-bundle.json');
    await (await saving).saveAs(kept);
    expect(JSON.parse(readFileSync(kept, 'utf8'))).toMatchObject({ format: 'accord-audit-bundle/v2' });
    const choosing = page.waitForEvent('filechooser');
    await page.getByLabel('The bundle kept from before (optional)').click();
    await (await choosing).setFiles(kept);
    await page.getByRole('button', { name: 'Verify again' }).click();
    await expect(page.getByText('The audit trail is intact')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/^It extends the bundle kept from before: none of its \d+ entries/)).toBeVisible();

    // Verified, the acknowledgements say whether they met the deadline (the bundle releases slaMet).
    await page.getByRole('navigation', { name: 'Board sections' }).getByRole('link', { name: 'Audit trail' }).click();
    await page.getByLabel('What happened').selectOption('disclosure.acknowledge');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(rows.first()).toContainText('acknowledged an alert — within the 4 h deadline');

    // A bundle changed on its way: one entry's outcome altered. The verdict names the entry.
    let tamperedSeq = 0;
    await page.route('**/api/v1/agreements/*/audit/bundle', async (route) => {
      const response = await route.fetch();
      const bundle = (await response.json()) as { entries: Array<Record<string, unknown>> };
      const victim = bundle.entries[Math.floor(bundle.entries.length / 2)]!;
      tamperedSeq = victim.seq as number;
      victim.outcome = victim.outcome === 'success' ? 'failure' : 'success';
      await route.fulfill({ response, json: bundle });
    });
    await page.getByRole('navigation', { name: 'Board sections' }).getByRole('link', { name: 'Verify' }).click();
    await page.getByRole('button', { name: 'Verify again' }).click();
    await expect(page.getByText('The audit trail has been tampered with')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(`The first bad entry is number ${tamperedSeq} `)).toBeVisible();
    await expect(page.getByText('An entry was changed after it was written.')).toBeVisible();
    await expect(page.getByText('It does not extend the bundle kept from before.')).toBeVisible();
    await look(page, 'board-verify-tampered');
    await page.unroute('**/api/v1/agreements/*/audit/bundle');

    // The review signed off, with the board's comments; the dashboard shows it as the last sign-off.
    await page.getByRole('navigation', { name: 'Board sections' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByLabel('Comments of the board (optional)').fill('Two alerts waited past the evening shift change.');
    await page.getByRole('button', { name: 'Sign off the review of this period' }).click();
    await expect(page.getByText('The review is signed off.')).toBeVisible();
    await expect(page.getByText(`Last signed off by ${p.partnerName}`)).toBeVisible();
    await expect(page.getByText('Comments: Two alerts waited past the evening shift change.')).toBeVisible();
    // A second review of the period: the first moves to the earlier sign-offs.
    await page.getByLabel('Comments of the board (optional)').fill('Shift change handover agreed with the program.');
    await page.getByRole('button', { name: 'Sign off the review of this period' }).click();
    await expect(page.getByText('Comments: Shift change handover agreed with the program.')).toBeVisible();
    await expect(page.getByText('Earlier sign-offs')).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: `${p.partnerName} on ` })).toHaveCount(1);

    // The meeting pack: verified again here (genuine this time), printed to PDF through the browser.
    await page.getByRole('navigation', { name: 'Board sections' }).getByRole('link', { name: 'Meeting pack' }).click();
    await expect(page.getByRole('heading', { name: `Meeting pack: ${p.title}`, level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Verify again' }).click();
    await expect(page.getByText('The audit trail is intact')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('table', { name: 'Response times' })).toBeVisible();
    await expect(page.getByText(`Last signed off by ${p.partnerName}`)).toBeVisible();
    await look(page, 'board-pack');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
    const pdf = resolve(OUT, 'board-meeting-pack.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(20_000);
    await page.emulateMedia({ media: 'screen' });

    // Spanish: the same pack in the board member's other language.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
    await expect(page.getByRole('heading', { name: `Dosier de la reunión: ${p.title}`, level: 1 })).toBeVisible();
    await expect(page.getByText('El registro de auditoría está intacto')).toBeVisible();
    await look(page, 'board-pack-es');
  },
);

test('on the demo city, a board member’s dashboard draws weeks of history against the deadline', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(DESKTOP);
  await page.goto(`${demoServerUrl()}/sign-in`);
  await page.getByRole('button', { name: /board-member@outreach\.riverton\.demo/ }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/board$/);
  await page
    .getByRole('link', { name: /^Dashboard of / })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: /^Dashboard: /, level: 1 })).toBeVisible();

  // Eight weeks: the history the demo seeds, week by week, with the alerts' deadline drawn.
  await page.getByLabel('From').fill(
    await page.evaluate(() => {
      const d = new Date();
      d.setDate(d.getDate() - 55);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    }),
  );
  await page.getByRole('button', { name: 'Show this period' }).click();
  const trend = page.getByRole('region', { name: 'Week by week' });
  await trend.getByRole('button', { name: 'Show as a table' }).click();
  const weeks = trend
    .getByRole('table', { name: 'Week by week' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader') });
  await expect(weeks).toHaveCount(9);
  const alerts = await weeks.evaluateAll((rows) => rows.map((row) => row.querySelectorAll('td')[0]?.textContent ?? ''));
  expect(alerts.filter((count) => count !== '0').length).toBeGreaterThanOrEqual(6);
  await expect(
    page
      .getByRole('region', { name: 'Time to acknowledge an alert' })
      .locator('svg text', { hasText: /Deadline \d+ h/ }),
  ).toHaveCount(1);
  const median = page
    .getByRole('list', { name: 'Measures' })
    .getByRole('listitem')
    .filter({ hasText: 'Median time to acknowledge' });
  await expect(median).toContainText(/Median time to acknowledge(\d+ h|\d+ min|under 1 min)/);
  await look(page, 'board-dashboard-demo');

  // Weeks of history are more than a page of the audit trail: the next page comes with the API's cursor.
  await page.getByRole('navigation', { name: 'Board sections' }).getByRole('link', { name: 'Audit trail' }).click();
  const entries = page
    .getByRole('table', { name: 'Audit entries' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader') });
  await expect(entries).toHaveCount(50);
  const first = Number(await entries.last().getByRole('cell').last().textContent());
  await page.getByRole('button', { name: 'Show more' }).click();
  await expect(entries).toHaveCount(100);
  // Newest first, no entry twice: the second page continues below the first.
  expect(Number(await entries.nth(50).getByRole('cell').last().textContent())).toBe(first - 1);
});

import { apiToken } from './support/accord';
import { DESKTOP, expect, look, problemsOf, test } from './support/fixtures';
import { loadServiceAreas } from './support/incidents';
import { signIn, twoWayPartnership } from './support/partnership';
import { testServerUrl } from './support/servers';

const NARRATIVE = 'Jaylen Brooks was shot outside the corner store; his cousin can be reached at 312-555-0143.';

test(
  'the liaison composes on the map, the preview refuses a phone number and a name, the liaison redacts and ' +
    'shares, watches the acknowledgement arrive, then corrects the incident and the worker sees the update',
  async ({ page, request, browser }) => {
    test.setTimeout(180_000);
    const p = await twoWayPartnership(request);
    await loadServiceAreas(request, await apiToken(request, p.policeAdmin));
    const liaisonHeaders = { Authorization: `Bearer ${await apiToken(request, p.liaison)}` };
    const workerHeaders = { Authorization: `Bearer ${await apiToken(request, p.worker)}` };

    await page.setViewportSize(DESKTOP);
    await signIn(page, p.liaison, /\/incidents$/);
    // The list's area filter is a select of the department's areas now that it has some.
    await expect(page.getByRole('combobox', { name: 'Service area' })).toBeVisible();
    await page.getByRole('link', { name: 'New incident' }).click();
    await expect(page).toHaveURL(/\/incidents\/new$/);
    await expect(page.getByRole('heading', { name: 'New shooting notification', level: 1 })).toBeFocused();
    const started = Date.now();

    // Where: the keyboard way (an area from the list) and the map (a click); the area is derived, never typed.
    const derived = page.getByTestId('derived-area');
    await expect(derived).toHaveText('Not placed yet: click on the map or choose an area.');
    await page.getByLabel('Or choose the area from the list').selectOption('D07');
    await expect(derived).toHaveText('Service area: D07 — District 7 (Englewood) (from the place on the map)');
    await page.locator('[data-code="D14"]').click();
    await expect(derived).toHaveText('Service area: D14 — District 14 (Shakespeare) (from the place on the map)');
    await expect(page.getByTestId('map-marker')).toBeVisible();
    await expect(page.getByLabel('Or choose the area from the list')).toHaveValue('D14');
    await page.getByLabel('House number').fill('1432');
    await page.getByLabel('Street').fill('W Chicago Ave');
    await page.getByLabel('Risk of retaliation').selectOption('high');
    await page.getByRole('textbox', { name: 'Age', exact: true }).fill('19');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Jaylen Brooks');
    await page.getByLabel('Hospital').fill('Riverton General');
    await page.getByLabel('Response requested').fill('hospital visit within 2 h');
    await page.getByRole('textbox', { name: 'Narrative' }).fill(NARRATIVE);
    await look(page, 'compose');
    await page.getByRole('button', { name: 'Record and preview' }).click();

    // The preview: the partner's column refuses the text as written, the identifiers marked where they are.
    await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]+\/preview$/);
    const incidentId = /\/incidents\/([0-9a-f-]+)\/preview$/.exec(page.url())![1]!;
    await expect(page.getByRole('heading', { name: 'Preview before sending', level: 1 })).toBeFocused();
    const column = page.locator('.preview-column');
    await expect(column.getByRole('alert')).toContainText('Not sendable as written');
    await expect(column.getByRole('alert')).toContainText('phone number');
    await expect(column.getByRole('alert')).toContainText('name on the record');
    const marks = column.locator('mark');
    await expect(marks).toHaveCount(2);
    await expect(marks.nth(0)).toContainText('Jaylen Brooks');
    await expect(marks.nth(1)).toContainText('312-555-0143');
    const share = page.getByRole('button', { name: 'Share with 1 partner' });
    await expect(share).toBeDisabled();
    await look(page, 'compose-preview-refused');

    // Redacted: exactly what the partner receives, at its precision, and what is withheld and why.
    await page.getByLabel('Replace the identifiers found with markers').check();
    await expect(column.getByRole('alert')).toHaveCount(0);
    const receives = column.locator('.preview-fields');
    await expect(receives).toContainText('1400 block of W Chicago Ave, service area D14');
    await expect(receives).toContainText('15-19');
    await expect(receives).not.toContainText('Jaylen');
    await expect(receives).not.toContainText('312-555-0143');
    await expect(column.locator('.preview-withheld')).toContainText('Hospital');
    await expect(column.locator('mark')).toHaveCount(2);
    await expect(share).toBeEnabled();
    await look(page, 'compose-preview');
    await share.click();
    expect(Date.now() - started).toBeLessThan(120_000);

    // On the incident's page: shared with the partner; the worker acknowledges, the page shows it without reload.
    await expect(page).toHaveURL(new RegExp(`/incidents/${incidentId}$`));
    await expect(page.getByText(/service area D14/).first()).toBeVisible();
    const shared = page.getByRole('region', { name: 'Shared with' });
    await expect(shared.getByRole('listitem')).toHaveCount(1);
    const sent = (await (
      await request.get(`${testServerUrl()}/api/v1/incidents/${incidentId}/disclosures`, { headers: liaisonHeaders })
    ).json()) as { disclosureId: string }[];
    const first = sent[0]!.disclosureId;
    await expect
      .poll(
        async () =>
          (
            await request.post(`${testServerUrl()}/api/v1/inbox/${first}/acknowledge`, { headers: workerHeaders })
          ).status(),
        { timeout: 30_000 },
      )
      .toBe(200);
    await expect(shared.getByRole('listitem').first()).toContainText(/Acknowledged .+ — within the deadline/, {
      timeout: 40_000,
    });

    // The victim died, and the hospital was wrong: corrected from the record, sent as an update of the same alert.
    await page.getByRole('link', { name: 'Correct' }).click();
    await expect(page).toHaveURL(new RegExp(`/incidents/${incidentId}/correct$`));
    await expect(page.getByRole('heading', { name: 'Correct the incident', level: 1 })).toBeFocused();
    await expect(page.getByLabel('Hospital')).toHaveValue('Riverton General');
    await expect(page.getByTestId('derived-area')).toContainText('D14');
    await page.getByLabel('Killed').check();
    await page.getByLabel('Hospital').fill('');
    await page.getByLabel('Replace identifiers found in the text with markers').check();
    await look(page, 'compose-correct');
    await page.getByRole('button', { name: 'Send the correction' }).click();
    await expect(page).toHaveURL(new RegExp(`/incidents/${incidentId}$`));
    await expect(shared.getByRole('listitem')).toHaveCount(2);
    await expect(shared).toContainText('Correction: revision 2 of the same alert');
    const record = page.getByRole('region', { name: 'The police record' });
    await expect(record).toContainText('killed');
    await expect(record.locator('div').filter({ hasText: /^Hospital/ })).toContainText('None');

    // The worker's inbox: the same alert, updated (a second page, the worker's own session), once delivered.
    const revisions = (await (
      await request.get(`${testServerUrl()}/api/v1/incidents/${incidentId}/disclosures`, { headers: liaisonHeaders })
    ).json()) as { disclosureId: string; revision: number }[];
    const second = revisions.find((d) => d.revision === 2)!.disclosureId;
    await expect
      .poll(
        async () =>
          (await request.get(`${testServerUrl()}/api/v1/inbox/${second}`, { headers: workerHeaders })).status(),
        { timeout: 30_000 },
      )
      .toBe(200);
    const context = await browser.newContext();
    const workerPage = await context.newPage();
    const problems = problemsOf(workerPage);
    await signIn(workerPage, p.worker, /\/inbox$/);
    const alerts = workerPage.getByRole('link', { name: /Incident alert/ });
    await expect(alerts).toHaveCount(1, { timeout: 20_000 });
    await alerts.first().click();
    await expect(workerPage).toHaveURL(new RegExp(`/inbox/${second}$`));
    const released = workerPage.getByRole('region', { name: 'What was shared with you' });
    await expect(released).toContainText('Yes, at least one person died');
    await expect(workerPage.locator('body')).not.toContainText('Jaylen');
    await expect(workerPage.locator('body')).not.toContainText('312-555-0143');
    expect(problems).toEqual([]);
    await context.close();
  },
);

test('in Spanish: the compose page and its map', async ({ page, request }) => {
  test.setTimeout(90_000);
  const p = await twoWayPartnership(request);
  await loadServiceAreas(request, await apiToken(request, p.policeAdmin));
  await signIn(page, p.liaison, /\/incidents$/);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
  await page.getByRole('link', { name: 'Nuevo incidente' }).click();
  await expect(page.getByRole('heading', { name: 'Nueva notificación de tiroteo', level: 1 })).toBeVisible();
  await page.getByLabel('O elija la zona de la lista').selectOption('D12');
  await expect(page.getByTestId('derived-area')).toHaveText(
    'Zona de servicio: D12 — District 12 (Near West) (según el lugar en el mapa)',
  );
  await page.getByRole('button', { name: 'Registrar y revisar' }).click();
  await expect(page.getByRole('alert')).toContainText('Antes de registrar, complete: la calle.');
  await look(page, 'compose-es');
});

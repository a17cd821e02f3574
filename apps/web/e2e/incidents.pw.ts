import { apiToken } from './support/accord';
import { DESKTOP, expect, look, test } from './support/fixtures';
import { shareIncident, shooting } from './support/incidents';
import { signIn, twoWayPartnership } from './support/partnership';
import { testServerUrl } from './support/servers';

const NARRATIVE = 'Group dispute near the park; tension between two groups after a party.';

test(
  'the liaison finds a shared incident with the filters, sees the partner it went to, and watches its ' +
    'acknowledgement arrive within the deadline',
  async ({ page, request }) => {
    test.setTimeout(150_000);
    const p = await twoWayPartnership(request);
    const liaisonToken = await apiToken(request, p.liaison);
    const workerToken = await apiToken(request, p.worker);
    const asWorker = { Authorization: `Bearer ${workerToken}` };
    const partner = (await (
      await request.get(`${testServerUrl()}/api/v1/organizations/me`, { headers: asWorker })
    ).json()) as { name: string };

    // Two shared incidents: an earlier one in another service area, and the one the liaison looks for.
    const earlier = shooting('Shots fired at a parked car; nobody was hit.');
    await shareIncident(request, liaisonToken, {
      ...earlier,
      occurredAt: '2026-11-20T22:10:00Z',
      location: { ...earlier.location, serviceArea: 'D07' },
    });
    const { incidentId, disclosureId } = await shareIncident(request, liaisonToken, shooting(NARRATIVE));

    // Desktop first: the liaison lands on the incidents, which the header offers them.
    await page.setViewportSize(DESKTOP);
    await signIn(page, p.liaison, /\/incidents$/);
    await expect(page.getByRole('heading', { name: 'Incidents', level: 1 })).toBeFocused();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incidents' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Incidents' });
    const rows = table.getByRole('row').filter({ has: page.getByRole('rowheader') });
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText('D14');
    await expect(rows.last()).toContainText('D07');

    // A type nobody recorded: the empty state says so.
    await page.getByLabel('Type').selectOption('homicide');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.getByText('No incident matches these filters.')).toBeVisible();
    await expect(table).toHaveCount(0);

    // The date range and the service area find the one.
    await page.getByLabel('Type').selectOption('shooting');
    await page.getByLabel('Occurred from').fill('2026-11-22');
    await page.getByLabel('Occurred to').fill('2026-11-23');
    await page.getByLabel('Service area').fill('D14');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/[?&]area=D14/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Shooting');
    await expect(rows.first()).toContainText(/Nov 2[23], 2026/);
    await expect(rows.first()).toContainText('Shared with 1 partner · 0 acknowledged');
    await look(page, 'incidents');

    await rows.first().getByRole('link', { name: 'Shooting' }).click();
    await expect(page).toHaveURL(new RegExp(`/incidents/${incidentId}$`));
    await expect(page.getByRole('heading', { name: 'Shooting', level: 1 })).toBeFocused();
    const shared = page.getByRole('region', { name: 'Shared with' });
    const toPartner = shared.getByRole('listitem').filter({ has: page.getByRole('heading', { name: partner.name }) });
    await expect(toPartner).toContainText('Version 1');
    // The police's own record, in full: it is theirs.
    await expect(page.getByRole('region', { name: 'The police record' })).toContainText(NARRATIVE);
    await expect(page.getByRole('region', { name: 'The police record' })).toContainText('JA481220');

    // Delivery runs in the background; the partner's outreach worker acknowledges once it is in their inbox.
    await expect
      .poll(
        async () =>
          (
            await request.post(`${testServerUrl()}/api/v1/inbox/${disclosureId}/acknowledge`, { headers: asWorker })
          ).status(),
        { timeout: 30_000 },
      )
      .toBe(200);

    // No reload: the page asks again while the partner has not acknowledged, and says when, never who.
    await expect(toPartner).toContainText(/Acknowledged .+ — within the deadline/, { timeout: 40_000 });
    await expect(toPartner).not.toContainText('Not delivered yet');
    await expect(toPartner).toContainText('Not escalated');
    await expect(shared).not.toContainText(p.worker.displayName);
    await look(page, 'incident');

    // Back to the list as it was left, its filters kept; the summary has the acknowledgement too.
    await page.getByRole('link', { name: 'Back to the incidents' }).click();
    await expect(page).toHaveURL(/[?&]area=D14/);
    await expect(page.getByLabel('Service area')).toHaveValue('D14');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Shared with 1 partner · 1 acknowledged');
  },
);

test('in Spanish, page by page: 26 incidents not yet shared, the newest 25 and then the last', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const p = await twoWayPartnership(request);
  const headers = { Authorization: `Bearer ${await apiToken(request, p.liaison)}` };
  for (let hour = 0; hour < 26; hour++) {
    const recorded = await request.post(`${testServerUrl()}/api/v1/incidents`, {
      headers,
      data: { ...shooting(`Shots fired, report ${hour + 1}.`), occurredAt: new Date(Date.UTC(2026, 10, 2, hour)) },
    });
    expect(recorded.status()).toBe(201);
  }

  await signIn(page, p.liaison, /\/incidents$/);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
  await expect(page.getByRole('heading', { name: 'Incidentes', level: 1 })).toBeVisible();
  const rows = page
    .getByRole('table', { name: 'Incidentes' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader') });
  await expect(rows).toHaveCount(25);
  await expect(rows.first()).toContainText('Tiroteo');
  await expect(rows.first()).toContainText('No compartido');
  await page.getByRole('button', { name: 'Mostrar más' }).click();
  await expect(rows).toHaveCount(26);
  await expect(page.getByRole('button', { name: 'Mostrar más' })).toHaveCount(0);
  await look(page, 'incidents-es');

  await rows.first().getByRole('link', { name: 'Tiroteo' }).click();
  await expect(page.getByRole('heading', { name: 'Tiroteo', level: 1 })).toBeFocused();
  await expect(page.getByRole('region', { name: 'Compartido con' })).toContainText(
    'Este incidente no se ha compartido con ningún socio.',
  );
  await expect(page.getByRole('region', { name: 'El registro policial' })).toContainText('Shots fired, report 26.');
  await look(page, 'incident-es');
});

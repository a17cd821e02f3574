import { DEMO_SERVICE_AREAS } from '../../../libs/sharing/src/service-areas';
import { apiToken } from './support/accord';
import { DESKTOP, expect, look, problemsOf, test } from './support/fixtures';
import { signIn, twoWayPartnership } from './support/partnership';
import { testServerUrl } from './support/servers';

/** A file the page is given, as the person would pick it. */
const file = (name: string, content: unknown) => ({
  name,
  mimeType: 'application/geo+json',
  buffer: Buffer.from(typeof content === 'string' ? content : JSON.stringify(content, null, 2)),
});

/** The demo districts with the second one's ring left open (its last position is not its first). */
function withOpenRing() {
  const areas = structuredClone(DEMO_SERVICE_AREAS);
  const geometry = areas.features[1]!.geometry as { coordinates: number[][][] };
  geometry.coordinates[0]![4] = [-87.69, 41.88];
  return areas;
}

test(
  'the org admin of a police department sees no areas, is told a file is not JSON and which feature the API ' +
    'refused (nothing changed), previews a valid file on the map, saves it, and the liaison’s compose offers its areas',
  async ({ page, request, browser }) => {
    test.setTimeout(150_000);
    const p = await twoWayPartnership(request);
    const adminHeaders = { Authorization: `Bearer ${await apiToken(request, p.policeAdmin)}` };
    const saved = async () => {
      const res = await request.get(`${testServerUrl()}/api/v1/service-areas`, { headers: adminHeaders });
      return ((await res.json()) as { features: { properties: { code: string } }[] }).features;
    };

    await signIn(page, p.policeAdmin, /\/(home|agreements)$/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Service areas' }).click();
    await expect(page).toHaveURL(/\/service-areas$/);
    await expect(page.getByRole('heading', { name: 'Service areas', level: 1 })).toBeFocused();
    await expect(page.getByText('No service areas are loaded yet.')).toBeVisible();
    const input = page.getByLabel('GeoJSON file', { exact: true });
    await expect(input).toHaveAccessibleDescription(/At most 100 kB\./);
    await look(page, 'service-areas-empty');

    // Not JSON: said in words, where it stops, before anything is sent.
    await input.setInputFiles(file('broken.geojson', '{\n  "type": "FeatureCollection",\n  "features": [],\n}\n'));
    const upload = page.getByRole('region', { name: 'Upload a GeoJSON file' });
    await expect(upload.getByRole('alert')).toHaveText(
      'broken.geojson is not valid JSON: it stops at line 4, column 1. Nothing was changed.',
    );

    // An open ring: the preview shows the file, the API refuses it naming the feature, and nothing changes.
    await input.setInputFiles(file('open-ring.geojson', withOpenRing()));
    const preview = page.getByRole('region', { name: 'Preview: open-ring.geojson' });
    await expect(preview.getByRole('row')).toHaveCount(4);
    await preview.getByRole('button', { name: 'Save these areas' }).click();
    await expect(preview.getByRole('alert')).toHaveText(
      'Feature 2 in the file (code D12): a ring is not closed (its last position must repeat its first). ' +
        'Nothing was changed.',
    );
    expect(await saved()).toEqual([]);
    await expect(page.getByText('No service areas are loaded yet.')).toBeVisible();

    // A valid file: previewed on the map and in the table, then saved.
    await page.setViewportSize(DESKTOP);
    await input.setInputFiles(file('districts.geojson', DEMO_SERVICE_AREAS));
    const valid = page.getByRole('region', { name: 'Preview: districts.geojson' });
    await expect(valid.getByText('Not saved yet.', { exact: false })).toBeVisible();
    const previewMap = valid.getByRole('img', { name: /Map of the areas in the uploaded file: D14, D12, D07/ });
    await expect(previewMap.locator('path[data-code]')).toHaveCount(3);
    await expect(valid.getByRole('row', { name: 'D07 District 7 (Englewood)' })).toBeVisible();
    await look(page, 'service-areas-preview');
    await valid.getByRole('button', { name: 'Save these areas' }).click();
    await expect(upload.getByRole('status')).toHaveText(
      'Saved: your organization’s service areas are now those of districts.geojson.',
    );
    await expect(valid).toHaveCount(0);
    const current = page.getByRole('region', { name: 'Current areas' });
    await expect(current.getByRole('img', { name: /service areas: D14, D12, D07/ }).locator('path')).toHaveCount(3);
    await expect(current.getByRole('row', { name: 'D14 District 14 (Shakespeare)' })).toBeVisible();
    expect((await saved()).map((f) => f.properties.code)).toEqual(['D14', 'D12', 'D07']);
    await look(page, 'service-areas-saved');

    // The department's liaison now places incidents in those areas.
    const context = await browser.newContext({ baseURL: testServerUrl(), viewport: DESKTOP });
    const liaison = await context.newPage();
    const problems = problemsOf(liaison);
    await signIn(liaison, p.liaison, /\/incidents$/);
    await liaison.goto('/incidents/new');
    const list = liaison.getByLabel('Or choose the area from the list');
    await expect(list.locator('option:not([disabled])')).toHaveText([
      'D14 — District 14 (Shakespeare)',
      'D12 — District 12 (Near West)',
      'D07 — District 7 (Englewood)',
    ]);
    await expect(liaison.locator('[data-code="D07"]')).toBeVisible();
    expect(problems).toEqual([]);
    await context.close();
  },
);

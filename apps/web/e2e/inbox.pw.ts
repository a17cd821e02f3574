import type { Page } from '@playwright/test';
import { tcpProxy } from '../../../libs/testing/src/tcp-proxy';
import { apiToken } from './support/accord';
import { expect, look, PHONE, problemsOf, test } from './support/fixtures';
import { POLICE_ONLY, shareIncident, shooting } from './support/incidents';
import { signIn, twoWayPartnership } from './support/partnership';

const NARRATIVE = 'Group dispute near the park; tension between two groups after a party.';

/** Marks the document: if the page reloaded, the mark is gone. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
}
async function expectSameDocument(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
}

const waiting = (page: Page) => page.getByRole('region', { name: 'Waiting for you' });

test(
  'at phone size, the outreach worker gets an alert live, reads it, acknowledges it and records a response with ' +
    'the timer',
  async ({ page, request }) => {
    test.setTimeout(150_000);
    const p = await twoWayPartnership(request);
    const liaisonToken = await apiToken(request, p.liaison);

    await signIn(page, p.worker, /\/inbox$/);
    await expect(page.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible();
    await expect(
      page.getByRole('status').filter({ hasText: 'Live: new alerts appear here by themselves.' }),
    ).toBeVisible();
    await expect(waiting(page).getByText('Nothing is waiting for you.')).toBeVisible();
    await look(page, 'inbox-empty');
    await markDocument(page);

    // The liaison shares a shooting (an API call: the liaison console is a later screen).
    const { incidentId, disclosureId } = await shareIncident(request, liaisonToken, shooting(NARRATIVE));

    // It arrives without a reload, with its deadline counting down in words (4 hours in this agreement).
    const alert = waiting(page).getByRole('link', { name: /Incident alert/ });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(/Due in (3 h 5\d min|4 h)/);
    await expect(alert).toContainText('New');
    await expect(waiting(page).getByRole('heading')).toContainText('1 waiting');
    await expectSameDocument(page);
    await look(page, 'inbox');

    await alert.click();
    await expect(page).toHaveURL(new RegExp(`/inbox/${disclosureId}$`));
    await expect(page.getByRole('heading', { name: 'Shooting', level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Shooting', level: 1 })).toBeFocused();

    // Exactly as released: the block not the house, the hour not the minute, an age band, the text as written.
    const released = page.getByRole('region', { name: 'What was shared with you' });
    const field = (label: string) =>
      released
        .locator('div')
        .filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }) })
        .getByRole('definition');
    await expect(field('Type')).toHaveText('Shooting');
    await expect(field('When')).toHaveText(/^Nov 22, 2026, 7:00\s*–\s*8:00\s*PM$/);
    await expect(field('Where')).toContainText('1200 block of W Division St');
    await expect(field('Where')).toContainText('Service area D14');
    await expect(field('Victims')).toHaveText('1 person');
    await expect(field('Age bands')).toHaveText('15–19 years');
    await expect(field('Anyone killed')).toHaveText('No');
    await expect(field('Risk of retaliation')).toHaveText('High');
    await expect(field('What happened')).toHaveText(NARRATIVE);
    await expect(field('Response requested')).toHaveText('post-incident walk within 24 h');
    // What the agreement keeps back, in plain words; what never leaves the police record is not on the page.
    const withheld = page.getByRole('region', { name: 'What was not shared' });
    await expect(withheld.getByRole('listitem')).toHaveText(['Hospital']);
    await expect(withheld).toContainText(
      'Names, dates of birth, contact details and the police case number never leave the police record.',
    );
    for (const secret of POLICE_ONLY) await expect(page.locator('body')).not.toContainText(secret);
    await look(page, 'inbox-alert');

    // One tap.
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(page.getByText(/^Acknowledged at \d{1,2}:\d{2}\s*[AP]M — within the deadline$/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);

    // The response, by thumb: yes, what was done, start and stop, a service, follow-up tomorrow.
    const form = page.getByRole('region', { name: 'Your response' });
    await expect(form.getByRole('status')).toHaveText('No response recorded yet.');
    await form.getByText('Yes', { exact: true }).click();
    await form.getByText('Post-incident walk').click();
    await form.getByRole('button', { name: 'Start now' }).click();
    await expect(form.getByText('Running for less than a minute')).toBeVisible();
    // The start is saved at once (a walk may outlast the session).
    await expect(form.getByRole('status')).toHaveText(/^Response saved at /);
    await expect(form.getByLabel('Started')).not.toHaveValue('');
    await form.getByRole('button', { name: 'Stop now' }).click();
    await expect(form.getByText('Took less than a minute')).toBeVisible();
    await form.getByText('Mental health').click();
    await form.getByRole('button', { name: 'Tomorrow' }).click();
    const tomorrow = await page.evaluate(() => {
      const d = new Date();
      d.setDate(d.getDate() + 1);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await expect(form.getByRole('textbox', { name: 'Follow-up due' })).toHaveValue(tomorrow);
    await look(page, 'inbox-response');
    const saved = page.waitForResponse(
      (r) => r.url().endsWith(`/api/v1/inbox/${disclosureId}/response`) && r.request().method() === 'PUT',
    );
    await form.getByRole('button', { name: 'Save response' }).click();
    expect((await saved).status()).toBe(200);

    // The API has it: the worker's organization sees its acknowledgement and its response…
    const read = await page.request.get(`/api/v1/inbox/${disclosureId}`);
    expect(read.status()).toBe(200);
    const item = (await read.json()) as { acknowledgedAt: string | null; response: Record<string, unknown> | null };
    expect(item.acknowledgedAt).not.toBeNull();
    expect(item.response).toMatchObject({
      responded: true,
      responseTypes: ['post_incident_walk'],
      services: ['mental_health'],
    });
    const { startedAt, endedAt, followUpDueAt } = item.response as {
      startedAt: string;
      endedAt: string;
      followUpDueAt: string;
    };
    expect(Date.parse(endedAt)).toBeGreaterThanOrEqual(Date.parse(startedAt));
    expect(followUpDueAt).toBe(await page.evaluate((day) => new Date(`${day}T00:00`).toISOString(), tomorrow));
    // …and the police see that it was acknowledged in time, never who or what was done.
    const policeView = await request.get(`/api/v1/incidents/${incidentId}/disclosures`, {
      headers: { Authorization: `Bearer ${liaisonToken}` },
    });
    const [sent] = (await policeView.json()) as { acknowledgedAt: string | null; slaMet: boolean | null }[];
    expect(sent).toMatchObject({ slaMet: true });
    expect(sent?.acknowledgedAt).toBe(item.acknowledgedAt);
    expect(JSON.stringify(sent)).not.toContain('post_incident_walk');

    // Back in the inbox it sits under "Acknowledged", with the same words.
    await page.getByRole('link', { name: 'Back to the inbox' }).click();
    await expect(waiting(page).getByText('Nothing is waiting for you.')).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'Acknowledged' }).getByRole('link', { name: /Incident alert/ }),
    ).toContainText(/Acknowledged at .* — within the deadline/);
    await expectSameDocument(page);
  },
);

test('the live stream comes back after the connection drops, and what was shared meanwhile is there', async ({
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(150_000);
  const p = await twoWayPartnership(request);
  const liaisonToken = await apiToken(request, p.liaison);
  // The phone reaches Accord through a line the test can cut: open connections (the live stream
  // among them) drop, new ones are refused, as when a phone loses its signal.
  const api = new URL(baseURL ?? '');
  const line = await tcpProxy({ host: api.hostname, port: Number(api.port) });
  const context = await browser.newContext({
    baseURL: `http://127.0.0.1:${line.port}`,
    viewport: PHONE,
    locale: 'en-US',
    timezoneId: 'America/Chicago',
  });
  const page = await context.newPage();
  const problems = problemsOf(page);
  try {
    await signIn(page, p.worker, /\/inbox$/);
    const status = page.getByRole('status').filter({ hasText: /Live|Connection lost|Live updates stopped|Connecting/ });
    await expect(status).toHaveText('Live: new alerts appear here by themselves.');
    await markDocument(page);

    line.setUp(false);
    await expect(status).toHaveText('Connection lost. Reconnecting… The list is checked again as soon as it is back.');
    await look(page, 'inbox-reconnecting');
    // Shared while the line is down: its event reaches nobody.
    await shareIncident(request, liaisonToken, shooting('Shots fired at a gathering; no one hit.'));
    await expect(waiting(page).getByText('Nothing is waiting for you.')).toBeVisible();

    line.setUp(true);
    await expect(status).toHaveText('Live: new alerts appear here by themselves.', { timeout: 30_000 });
    // Reconnected, the list was asked again: the missed alert is there.
    await expect(waiting(page).getByRole('link', { name: /Incident alert/ })).toHaveCount(1);

    // And the stream is live again: the next one arrives by itself.
    await shareIncident(request, liaisonToken, shooting('A second shooting two blocks east.'));
    await expect(waiting(page).getByRole('link', { name: /Incident alert/ })).toHaveCount(2);
    await expectSameDocument(page);
  } finally {
    await context.close();
    await line.close();
  }
  expect(problems, 'the page broke a CSP rule or threw').toEqual([]);
});

test(
  'after sign-out nothing of the alert is readable, not with ' + 'Back, not after a reload; no API answer was stored',
  async ({ page, request, context, apiAnswers }) => {
    test.setTimeout(120_000);
    const p = await twoWayPartnership(request);
    const liaisonToken = await apiToken(request, p.liaison);
    const { disclosureId } = await shareIncident(request, liaisonToken, shooting(NARRATIVE));

    await signIn(page, p.worker, /\/inbox$/);
    await waiting(page)
      .getByRole('link', { name: /Incident alert/ })
      .click();
    await expect(page.getByText(NARRATIVE)).toBeVisible();
    const personal = [NARRATIVE, '1200 block of W Division St', p.worker.displayName];

    await page.getByRole('button', { name: `${p.worker.displayName}: account menu` }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in\?reason=signed-out$/);
    for (const text of personal) await expect(page.locator('body')).not.toContainText(text);

    // Back lands on the alert's address; the page must ask the API again, which says "not signed in".
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Sign in to Accord' })).toBeVisible();
    for (const text of personal) await expect(page.locator('body')).not.toContainText(text);
    await page.goto(`/inbox/${disclosureId}`);
    await expect(page.getByRole('heading', { name: 'Sign in to Accord' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Sign in to Accord' })).toBeVisible();
    for (const text of personal) await expect(page.locator('body')).not.toContainText(text);

    expect((await page.request.get(`/api/v1/inbox/${disclosureId}`)).status()).toBe(401);
    expect((await context.cookies()).map((c) => c.name)).not.toContain('accord_session');
    // Every API answer the page got (the alert, the lists, the live stream) told the browser not to keep it.
    expect(apiAnswers.filter((a) => a.url.includes('/api/v1/inbox')).length).toBeGreaterThan(2);
    expect(apiAnswers.filter((a) => !a.cacheControl?.split(/,\s*/).includes('no-store'))).toEqual([]);
  },
);

test(
  'opened at /inbox, the page asks for both lists beside the session check, once each; without a session it lands ' +
    'on sign-in with no error',
  async ({ page, request, context }) => {
    test.setTimeout(120_000);
    const p = await twoWayPartnership(request);
    const liaisonToken = await apiToken(request, p.liaison);
    await shareIncident(request, liaisonToken, shooting(NARRATIVE));
    await signIn(page, p.worker, /\/inbox$/);

    // The worker opening the inbox afresh (a new document at /inbox, as from the phone's home screen).
    const asked: string[] = [];
    let askedBeforeSession: string[] | undefined;
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/')) asked.push(url.pathname + url.search);
    });
    page.on('response', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/me') askedBeforeSession ??= [...asked];
    });
    await page.goto('/inbox');
    await expect(waiting(page).getByRole('heading')).toContainText('1 waiting');
    await expect(
      page.getByRole('status').filter({ hasText: 'Live: new alerts appear here by themselves.' }),
    ).toBeVisible();
    const lists = ['/api/v1/inbox?filter=unacknowledged&limit=100', '/api/v1/inbox?filter=all&limit=25'];
    // Both lists went out before the session check answered…
    expect(askedBeforeSession).toEqual(expect.arrayContaining(['/api/v1/me', ...lists]));
    // …and the screen did not ask for them again (the live stream's opening refreshes them, by design, after).
    const beforeStream = asked.slice(0, asked.indexOf('/api/v1/inbox/stream'));
    expect(beforeStream.filter((path) => path.startsWith('/api/v1/inbox?')).sort()).toEqual([...lists].sort());

    // Nobody signed in: the lists asked for beside the session check are refused, quietly; sign-in, no error.
    await context.clearCookies();
    await page.goto('/inbox');
    await expect(page.getByRole('heading', { name: 'Sign in to Accord' })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText(NARRATIVE);
  },
);

test('Spanish: the inbox and the alert page in the worker’s language', async ({ page, request }) => {
  test.setTimeout(120_000);
  const p = await twoWayPartnership(request);
  const liaisonToken = await apiToken(request, p.liaison);
  await shareIncident(request, liaisonToken, shooting(NARRATIVE));

  await signIn(page, p.worker, /\/inbox$/);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
  await expect(page.getByRole('heading', { name: 'Bandeja de entrada', level: 1 })).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: 'En directo: las alertas nuevas aparecen aquí solas.' }),
  ).toBeVisible();
  const alert = page.getByRole('region', { name: 'Pendientes' }).getByRole('link', { name: /Alerta de incidente/ });
  await expect(alert).toContainText(/Vence en (3 h 5\d min|4 h)/);
  await look(page, 'inbox-es');

  await alert.click();
  await expect(page.getByRole('heading', { name: 'Tiroteo', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Lo que se compartió con usted' })).toContainText('15–19 años');
  await expect(page.getByRole('region', { name: 'Lo que no se compartió' }).getByRole('listitem')).toHaveText([
    'Hospital',
  ]);
  await expect(page.getByRole('button', { name: 'Confirmar recepción' })).toBeVisible();
  await page.getByRole('region', { name: 'Su respuesta' }).getByText('Sí', { exact: true }).click();
  await expect(page.getByRole('button', { name: 'Empezar ahora' })).toBeVisible();
  await look(page, 'inbox-alert-es');
});

test(
  'a referral assigned to the worker arrives in the inbox beside the alerts, in deadline order, and is ' +
    'acknowledged there',
  async ({ page, request }) => {
    test.setTimeout(150_000);
    const p = await twoWayPartnership(request);
    const [liaisonToken, managerToken] = [await apiToken(request, p.liaison), await apiToken(request, p.manager)];
    await signIn(page, p.worker, /\/inbox$/);
    await expect(
      page.getByRole('status').filter({ hasText: 'Live: new alerts appear here by themselves.' }),
    ).toBeVisible();
    await markDocument(page);

    // The program manager accepts a referral and assigns it to this worker (API calls: their own screens are tested in
    // referrals.pw.ts).
    const referralId = await p.sendReferral({ name: 'Tomas Greer', reason: 'Shot at twice this month.', age: 19 });
    const decide = (to: string, extra: Record<string, string> = {}) =>
      request.post(`/api/v1/referrals/${referralId}/transitions`, {
        headers: { Authorization: `Bearer ${managerToken}` },
        data: { to, ...extra },
      });
    expect((await decide('accepted')).status()).toBe(200);
    expect((await decide('assigned', { assigneeId: p.worker.id })).status()).toBe(200);
    const referral = waiting(page).getByRole('link', { name: /Referral assigned to you/ });
    await expect(referral).toContainText(/Due in (23 h 5\d min|1 d)/);
    // Its content stays sealed in the inbox: it opens on the referral's own page.
    await expect(page.locator('body')).not.toContainText('Tomas Greer');

    // An alert shared now has the nearer deadline (4 h): it goes on top.
    await shareIncident(request, liaisonToken, shooting(NARRATIVE));
    await expect(waiting(page).getByRole('link')).toHaveText([/^Incident alert/, /^Referral assigned to you/]);
    await expectSameDocument(page);
    await look(page, 'inbox-with-referral');

    await referral.click();
    await expect(page.getByRole('heading', { name: 'Referral assigned to you', level: 1 })).toBeVisible();
    await expect(page.getByText('One tap tells your program manager you have seen this referral.')).toBeVisible();
    await look(page, 'inbox-referral');
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(page.getByText(/^Acknowledged at .* — within the deadline$/)).toBeVisible();
    const mine = (await (await page.request.get('/api/v1/inbox')).json()) as {
      items: { category: string; referralId?: string; acknowledgedAt: string | null }[];
    };
    expect(mine.items.filter((i) => i.category === 'referral')).toEqual([
      expect.objectContaining({ referralId, acknowledgedAt: expect.any(String) }),
    ]);

    await page.getByRole('link', { name: 'Open the referral' }).click();
    await expect(page).toHaveURL(new RegExp(`/referrals/mine/${referralId}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Tomas Greer');
  },
);

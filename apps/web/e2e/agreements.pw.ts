import type { APIRequestContext } from '@playwright/test';
import { apiToken, PASSWORD, uniqueEmail } from './support/accord';
import { DESKTOP, expect, look, problemsOf, test } from './support/fixtures';
import { shareIncident, shooting } from './support/incidents';
import { signIn, twoWayPartnership } from './support/partnership';
import { testServerUrl } from './support/servers';

interface Alert {
  agreementVersion: number;
  receivedAt: string;
  ackDueAt: string | null;
  payload: Record<string, unknown> | null;
  fieldsReleased: string[];
  fieldsWithheld: string[];
}

/** The outreach worker's alert for a disclosure, once delivery (in the background) has put it in their inbox. */
async function alertFor(request: APIRequestContext, workerToken: string, disclosureId: string): Promise<Alert> {
  const url = `${testServerUrl()}/api/v1/inbox/${disclosureId}`;
  const headers = { Authorization: `Bearer ${workerToken}` };
  await expect.poll(async () => (await request.get(url, { headers })).status(), { timeout: 30_000 }).toBe(200);
  return (await (await request.get(url, { headers })).json()) as Alert;
}

test(
  'the two admins draft, propose, read and approve an amendment, and the next alert carries the field it adds ' +
    'under its new deadline',
  async ({ page, browser, request }) => {
    test.setTimeout(240_000);
    const p = await twoWayPartnership(request);
    const liaisonToken = await apiToken(request, p.liaison);
    const workerToken = await apiToken(request, p.worker);

    // Under version 1 the partner's worker gets no hospital.
    const before = await shareIncident(request, liaisonToken, shooting('Shots fired near the school, before.'));
    const first = await alertFor(request, workerToken, before.disclosureId);
    expect(first.agreementVersion).toBe(1);
    expect(first.fieldsWithheld).toContain('hospital');
    expect(JSON.stringify(first.payload)).not.toContain('Stroger');

    // The police admin finds the agreement in force, by the header's link.
    await page.setViewportSize(DESKTOP);
    await signIn(page, p.policeAdmin, /\/home$/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agreements' }).click();
    await expect(page.getByRole('heading', { name: 'Agreements', level: 1 })).toBeFocused();
    const row = page.getByRole('table', { name: 'Agreements' }).getByRole('row', { name: /Referrals and status/ });
    await expect(row).toContainText('Police');
    await expect(row).toContainText(p.partnerName);
    await expect(row).toContainText('In force');
    await expect(row).toContainText('Version 1');
    await look(page, 'agreements');

    await row.getByRole('link', { name: 'Referrals and status' }).click();
    await expect(page.getByRole('heading', { name: 'Referrals and status', level: 1 })).toBeFocused();
    await expect(page.getByText(/Version 1 is in force since/)).toBeVisible();
    const versions = page.getByRole('table', { name: 'Versions of this agreement' });
    await expect(versions.getByRole('row', { name: /^1 / })).toContainText(/Police: approved .+Partner: approved/);
    await expect(page.getByRole('region', { name: 'Audit key' })).toContainText(/([0-9a-f]{4} ){15}[0-9a-f]{4}/);

    // The amendment: the hospital's name to the partner, a 2-hour deadline — and first a retention the schema refuses.
    await page.getByRole('button', { name: 'Draft an amendment' }).click();
    const draft = page.getByRole('region', { name: 'Draft of version 2' });
    const alerts = draft.getByRole('group', { name: 'Flow “shooting-alerts”' });
    await expect(alerts.getByRole('checkbox', { name: 'Release hospital name' })).not.toBeChecked();
    await alerts.getByRole('checkbox', { name: 'Release hospital name' }).check();
    await alerts.getByRole('textbox', { name: 'Acknowledge within (hours)' }).fill('2');
    await alerts.getByRole('textbox', { name: 'Kept for (days)' }).fill('0');
    await draft.getByRole('button', { name: 'Propose to the other party' }).click();
    await expect(draft.getByRole('alert').first()).toHaveText(
      'The API refused the proposal: 1 problem, shown at its field.',
    );
    await expect(alerts.getByRole('textbox', { name: 'Kept for (days)' })).toHaveAttribute('aria-invalid', 'true');
    await expect(alerts.getByText('At least 1.')).toBeVisible();
    await look(page, 'agreement-draft-refused');

    await alerts.getByRole('textbox', { name: 'Kept for (days)' }).fill('90');
    await draft.getByRole('button', { name: 'Propose to the other party' }).click();
    const proposal = page.getByRole('region', { name: 'Version 2 is proposed' });
    await expect(proposal).toBeVisible();
    const diff = page.getByRole('region', { name: 'What changes' });
    await expect(diff.getByRole('heading', { name: 'Shooting notifications (Police → Partner)' })).toBeVisible();
    await expect(diff).toContainText('Partner will now also receive: hospital name');
    await expect(diff).toContainText('Acknowledgement deadline: 4 h → 2 h');

    // Later, from the list (a fresh load: other runs on a test machine may rebuild the app's files meanwhile), the
    // proposal. Approving is a signature: password and a fresh code first.
    await page.goto('/agreements');
    await expect(row).toContainText('Version 2 · Proposed');
    await row.getByRole('link', { name: 'Referrals and status' }).click();
    await proposal.getByRole('button', { name: 'Approve version 2' }).click();
    const confirm = page.getByRole('dialog', { name: 'Confirm it is you' });
    await confirm.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
    await confirm.getByLabel('Code from your authenticator app').fill(await p.policeAdmin.authenticator.nextCode());
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await expect(proposal.getByRole('status')).toHaveText(
      'Your organization has approved. Waiting for the other party.',
    );
    await expect(versions.getByRole('row', { name: /^2 / })).toContainText(/Police: approved .+Partner: not yet/);
    await look(page, 'agreement-proposed');

    // The partner's admin, in Spanish, reads the same change and approves it.
    const context = await browser.newContext({ baseURL: testServerUrl(), viewport: DESKTOP });
    const partner = await context.newPage();
    const partnerProblems = problemsOf(partner);
    await signIn(partner, p.partnerAdmin, /\/home$/);
    await partner.getByRole('combobox', { name: 'Language' }).selectOption('es');
    await partner.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Acuerdos' }).click();
    const partnerRow = partner
      .getByRole('table', { name: 'Acuerdos' })
      .getByRole('row', { name: /Referrals and status/ });
    await expect(partnerRow).toContainText('Socio');
    await expect(partnerRow).toContainText('Versión 2 · Propuesta');
    await partnerRow.getByRole('link', { name: 'Referrals and status' }).click();
    const diffEs = partner.getByRole('region', { name: 'Qué cambia' });
    await expect(diffEs).toContainText('Socio ahora también recibirá: nombre del hospital');
    await expect(diffEs).toContainText('Plazo de confirmación: 4 h → 2 h');
    await partner.getByRole('button', { name: 'Aprobar la versión 2' }).click();
    const confirmEs = partner.getByRole('dialog', { name: 'Confirme que es usted' });
    await confirmEs.getByRole('textbox', { name: 'Contraseña' }).fill(PASSWORD);
    await confirmEs
      .getByLabel('Código de su aplicación de autenticación')
      .fill(await p.partnerAdmin.authenticator.nextCode());
    await confirmEs.getByRole('button', { name: 'Confirmar' }).click();
    await expect(partner.getByText(/La versión 2 está vigente desde/)).toBeVisible();
    await look(partner, 'agreement-es');
    await context.close();
    expect(partnerProblems, 'the partner admin’s page broke a CSP rule or threw').toEqual([]);

    // The police admin's page, asked again, shows version 2 in force.
    await page.reload();
    await expect(page.getByText(/Version 2 is in force since/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Draft an amendment' })).toBeVisible();

    // The next share goes out under version 2: the hospital's name, and a 2-hour deadline.
    const after = await shareIncident(request, liaisonToken, shooting('Shots fired near the school, after.'));
    const second = await alertFor(request, workerToken, after.disclosureId);
    expect(second.agreementVersion).toBe(2);
    expect(second.fieldsReleased).toContain('hospital');
    expect(second.payload?.hospital).toBe('Stroger Hospital');
    expect(Date.parse(second.ackDueAt!) - Date.parse(second.receivedAt)).toBeLessThanOrEqual(2 * 3600_000 + 60_000);
  },
);

test(
  'an admin places and lifts a legal hold, suspends then terminates the agreement after confirming, and starts a ' +
    'new one from a template with their board member',
  async ({ page, request }) => {
    test.setTimeout(120_000);
    const p = await twoWayPartnership(request);
    // A board member of the partner's (invited; a version may name them before they enroll).
    const invited = await request.post(`${testServerUrl()}/api/v1/users`, {
      headers: { Authorization: `Bearer ${await apiToken(request, p.partnerAdmin)}` },
      data: { email: uniqueEmail('board'), roles: ['board_member'], displayName: 'Bea Okafor' },
    });
    expect(invited.status()).toBe(201);
    await signIn(page, p.partnerAdmin, /\/home$/);
    await page.goto(`/agreements/${p.agreementId}`);
    await expect(page.getByRole('heading', { name: 'Referrals and status', level: 1 })).toBeFocused();
    const parties = await page.getByRole('region', { name: 'Parties' }).innerText();
    expect(parties).toContain(p.policeName);
    expect(parties).toContain(`Your organization (${p.partnerName})`);
    const policeOrgId = /Organization ID ([0-9a-f-]{36})/.exec(parties)![1]!;

    const holds = page.getByRole('region', { name: 'Legal holds' });
    await expect(holds).toContainText('No legal hold is in place.');
    await holds.getByLabel('Reason').selectOption('records_request');
    await holds.getByRole('button', { name: 'Place a legal hold' }).click();
    await expect(holds.getByRole('listitem')).toContainText('Records request, since');
    await look(page, 'agreement-hold');
    await holds.getByRole('button', { name: 'Lift the hold “Records request”' }).click();
    await expect(holds.getByRole('status')).toHaveText('Hold lifted.');
    await expect(holds).toContainText('No legal hold is in place.');

    const end = page.getByRole('region', { name: 'Suspend or terminate' });
    await end.getByRole('button', { name: 'Suspend the agreement' }).click();
    const suspend = page.getByRole('dialog', { name: 'Suspend this agreement?' });
    await expect(suspend).toContainText('Nothing more is shared under it');
    await suspend.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByText(/Version 1 is in force since/)).toBeVisible();
    await end.getByRole('button', { name: 'Suspend the agreement' }).click();
    await suspend.getByRole('button', { name: 'Yes, suspend' }).click();
    await expect(page.getByText('No version is in force: nothing is shared under this agreement.')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Versions of this agreement' })).toContainText('Suspended');

    await end.getByRole('button', { name: 'Terminate the agreement' }).click();
    const terminate = page.getByRole('dialog', { name: 'Terminate this agreement?' });
    await expect(terminate).toContainText('This cannot be undone');
    // Axe measures colours: only once the dialog has faded in.
    await expect(terminate).toHaveCSS('opacity', '1');
    await look(page, 'agreement-terminate-confirm');
    await terminate.getByRole('button', { name: 'Yes, terminate' }).click();
    await expect(page.getByText(/Terminated .+\. Nothing is shared under it any more\./)).toBeVisible();
    await expect(end).toHaveCount(0);
    await page.getByRole('link', { name: 'Back to the agreements' }).click();
    await expect(
      page.getByRole('table', { name: 'Agreements' }).getByRole('row', { name: /Referrals and status/ }),
    ).toContainText('Terminated');

    // A new agreement with the same department, from a template: the other party is named by its organization id.
    const start = page.getByRole('region', { name: 'Start an agreement' });
    await start.getByLabel('Title').fill('Shooting alerts again');
    await start.getByLabel('The other party’s organization ID').fill('not an id');
    await start.getByLabel('Template').selectOption('one-way-shooting-notifications');
    await start.getByRole('button', { name: 'Start from this template' }).click();
    await expect(start.getByText('Not in the expected form.')).toBeVisible();
    await start.getByLabel('The other party’s organization ID').fill(policeOrgId);
    await start.getByRole('button', { name: 'Start from this template' }).click();
    await expect(page.getByRole('heading', { name: 'Shooting alerts again', level: 1 })).toBeFocused();
    const draft = page.getByRole('region', { name: 'Draft of version 1' });
    await expect(draft.getByRole('group', { name: 'Flow “shooting-alerts”' })).toBeVisible();

    // The agreement's board: the admin names their organization's board member, saves, and proposes.
    await draft.getByRole('checkbox', { name: 'Bea Okafor' }).check();
    await draft.getByRole('button', { name: 'Save draft' }).click();
    await expect(draft.getByRole('status')).toHaveText('Draft saved.');
    await draft.getByRole('button', { name: 'Propose to the other party' }).click();
    const proposal = page.getByRole('region', { name: 'Version 1 is proposed' });
    await expect(proposal).toContainText('Bea Okafor (your organization)');
    await expect(proposal.getByRole('button', { name: 'Approve version 1' })).toBeVisible();
  },
);

import { apiToken, PASSWORD } from './support/accord';
import { DESKTOP, expect, look, PHONE, problemsOf, test } from './support/fixtures';
import { shareIncident, shooting } from './support/incidents';
import { signIn, twoWayPartnership } from './support/partnership';

const TOMAS = {
  name: 'Tomas Greer',
  contact: '312-555-0143',
  age: 19,
  reason: 'Shot at twice this month; friends talk of getting even.',
  riskFactors: ['prior victimization', 'retaliation risk'],
};

test(
  'a program manager accepts and assigns a referral; the worker sees it arrive live, records contact and ' +
    'engagement, and adds a case note',
  async ({ page, browser, baseURL, request }) => {
    test.setTimeout(180_000);
    const p = await twoWayPartnership(request);

    // The worker, on a phone, already signed in and looking at their referrals: nothing yet.
    const workerContext = await browser.newContext({
      baseURL,
      viewport: PHONE,
      locale: 'en-US',
      timezoneId: 'America/Chicago',
    });
    const worker = await workerContext.newPage();
    const workerProblems = problemsOf(worker);
    try {
      await signIn(worker, p.worker, /\/inbox$/);
      await worker.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My referrals' }).click();
      await expect(worker.getByRole('heading', { name: 'My referrals', level: 1 })).toBeVisible();
      await expect(worker.getByText('No referrals are assigned to you right now.')).toBeVisible();
      await expect(worker.getByText('Live: new referrals appear here without reloading.')).toBeVisible();
      await look(worker, 'my-referrals-empty');
      // Marks this document: if the page reloaded, the mark would be gone.
      await worker.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

      // The liaison refers Tomas (an API call, as the liaison console is not built yet).
      const referralId = await p.sendReferral(TOMAS);
      const { disclosureId: alertId } = await shareIncident(
        request,
        await apiToken(request, p.liaison),
        shooting('Group dispute near the park.'),
      );

      // The program manager, at a desk, lands on triage and finds it waiting for a decision.
      await page.setViewportSize(DESKTOP);
      await signIn(page, p.manager, /\/triage$/);
      const toDecide = page.getByRole('region', { name: 'New: accept or decline' });
      await expect(toDecide.getByRole('link', { name: 'Tomas Greer' })).toBeVisible();
      await expect(toDecide.getByText('Shot at twice this month; friends talk of getting even.')).toBeVisible();
      // The team's deadlines at a glance: the alert shared meanwhile waits for an acknowledgement, none is overdue.
      const glance = page.getByRole('region', { name: 'Deadlines at a glance' });
      await expect(glance.getByText('Nothing is past its deadline.')).toBeVisible();
      const openItems = glance.getByRole('region', { name: 'Open: 1' });
      await expect(openItems.getByRole('row', { name: /Incident alert/ })).toContainText(/Acknowledge by /);
      await expect(openItems.getByRole('link', { name: 'Incident alert' })).toHaveAttribute(
        'href',
        `/inbox/${alertId}`,
      );
      await look(page, 'triage');

      await toDecide.getByRole('link', { name: 'Tomas Greer' }).click();
      await expect(page).toHaveURL(new RegExp(`/triage/${referralId}$`));
      await expect(page.getByRole('heading', { name: 'Tomas Greer', level: 1 })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Call 312-555-0143' })).toHaveAttribute('href', 'tel:3125550143');
      await look(page, 'triage-referral');

      await page.getByRole('button', { name: 'Accept' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Recorded: Accepted.' })).toBeVisible();
      await expect(page.getByText('Not assigned to a worker yet')).toBeVisible();
      await page.getByRole('button', { name: 'Assign to a worker' }).click();
      // The team by name and role; the worker is picked by name.
      const workerChoice = page.getByRole('combobox', { name: 'Worker' });
      await expect(workerChoice.getByRole('option', { name: 'Dev Patel (Outreach worker)' })).toBeAttached();
      await workerChoice.selectOption({ label: 'Marta Quintero (Outreach worker)' });
      await look(page, 'triage-assign');
      await page.getByRole('button', { name: 'Assign', exact: true }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Recorded: Assigned.' })).toBeVisible();
      await expect(page.getByText('Assigned to Marta Quintero')).toBeVisible();

      // The worker's list gets it without a reload.
      await expect(worker.getByRole('link', { name: 'Tomas Greer' })).toBeVisible({ timeout: 20_000 });
      await expect(worker.getByText('A referral was just assigned to you.')).toBeVisible();
      expect(await worker.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
      await look(worker, 'my-referrals');

      // Exactly what the API released, on the worker's phone.
      await worker.getByRole('link', { name: 'Tomas Greer' }).click();
      await expect(worker.getByRole('heading', { name: 'Tomas Greer', level: 1 })).toBeVisible();
      const person = worker.getByRole('region', { name: 'The person' });
      await expect(person.getByRole('link', { name: 'Call 312-555-0143' })).toHaveAttribute('href', 'tel:3125550143');
      await expect(person.getByRole('definition')).toHaveText([
        'Tomas Greer',
        '312-555-0143',
        '19',
        TOMAS.reason,
        TOMAS.riskFactors.join(''),
        'Verbal consent',
      ]);
      await expect(person.getByRole('listitem')).toHaveText(TOMAS.riskFactors);
      await expect(worker.getByText('Assigned to you')).toBeVisible();
      const steps = worker.getByRole('region', { name: 'Next step' });
      await expect(steps.getByRole('button')).toHaveText(['Contact attempted']);
      await look(worker, 'my-referral');

      await steps.getByRole('button', { name: 'Contact attempted' }).click();
      await expect(steps.getByRole('status')).toHaveText('Recorded: Contact attempted.');
      await expect(steps.getByRole('button')).toHaveText([
        'Engaged',
        'Unable to reach',
        'Refused services',
        'Another contact attempt',
      ]);
      await steps.getByRole('button', { name: 'Engaged' }).click();
      await expect(steps.getByRole('status')).toHaveText('Recorded: Engaged.');
      await expect(steps.getByRole('button')).toHaveText(['Close the referral']);

      const notes = worker.getByRole('region', { name: 'Case notes' });
      await expect(notes.getByText('No case notes yet.')).toBeVisible();
      await notes.getByRole('button', { name: 'Add the note' }).click();
      await expect(notes.getByText('Write the note first')).toBeVisible();
      await notes
        .getByLabel('New case note')
        .fill('Met him at the rec center with his aunt.\nAgreed to a mentoring session on Friday.');
      await notes.getByRole('button', { name: 'Add the note' }).click();
      await expect(notes.getByRole('status')).toHaveText('Note added.');
      await expect(notes.getByRole('listitem')).toHaveCount(1);
      await expect(notes.getByRole('listitem')).toContainText('Met him at the rec center with his aunt.');
      await expect(notes.getByRole('listitem')).toContainText(/^You, /);
      await expect(notes.getByLabel('New case note')).toHaveValue('');
      await look(worker, 'my-referral-engaged');

      // The manager sees the steps and the note, by the worker's name (the organization's own record).
      await page.reload();
      await expect(page.getByRole('region', { name: 'Case notes' }).getByRole('listitem')).toContainText(
        /^Marta Quintero, .*Met him at the rec center/,
      );
      await expect(page.getByText('Engaged', { exact: true })).toBeVisible();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team referrals' }).click();
      const open = page.getByRole('region', { name: 'Open' });
      await expect(open.getByRole('link', { name: 'Tomas Greer' })).toBeVisible();
      await look(page, 'team-referrals');

      expect(workerProblems, 'the worker’s page broke a CSP rule or threw').toEqual([]);
    } finally {
      await workerContext.close();
    }
  },
);

test('a program manager declines a referral with a reason from the managed list', async ({ page, request }) => {
  const p = await twoWayPartnership(request, {
    manager: 'Lena Ortiz',
    worker: 'Kai Brooks',
    otherWorker: 'Noor Haddad',
  });
  await p.sendReferral({
    name: 'Ray Collins',
    age: 24,
    reason: 'Lives across the county line; asked for help after a shooting nearby.',
  });
  await page.setViewportSize(DESKTOP);
  await signIn(page, p.manager, /\/triage$/);
  await page.getByRole('link', { name: 'Ray Collins' }).click();
  await expect(page.getByRole('heading', { name: 'Ray Collins', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Decline' }).click();
  const reason = page.getByRole('combobox', { name: 'Reason' });
  await expect(reason.getByRole('option')).toHaveText([
    'Choose a reason',
    'Outside our service area',
    'Outside the ages we serve',
    'We are at capacity',
    'Already served by our program',
    'Safety concern',
    'Another reason',
  ]);
  await page.getByRole('button', { name: 'Decline the referral' }).click();
  await expect(page.getByText('Choose the reason for declining')).toBeVisible();
  await reason.selectOption({ label: 'Outside our service area' });
  await look(page, 'triage-decline');
  await page.getByRole('button', { name: 'Decline the referral' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Recorded: Declined.' })).toBeVisible();
  await expect(page.getByText('Declined: Outside our service area')).toBeVisible();
  await expect(page.getByText('This referral is finished: no further steps.')).toBeVisible();
  await page.getByRole('link', { name: 'Back to triage' }).click();
  await expect(page.getByText('Nothing is waiting for triage.')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team referrals' }).click();
  await expect(page.getByRole('region', { name: 'Finished' }).getByRole('link', { name: 'Ray Collins' })).toBeVisible();
});

test('referrals in Spanish: the worker’s list and a referral page', async ({ page, request }) => {
  const p = await twoWayPartnership(request, {
    manager: 'Inés Paredes',
    worker: 'Lucía Méndez',
    otherWorker: 'Omar Soto',
  });
  const referralId = await p.sendReferral({
    name: 'Mateo Ríos',
    contact: '312-555-0199',
    age: 17,
    reason: 'Herido en un tiroteo la semana pasada.',
  });
  // The manager accepts and assigns through the API here; the screens for it are tested above.
  await page.goto('/sign-in');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
  const token = await apiToken(request, p.manager);
  for (const step of [{ to: 'accepted' }, { to: 'assigned', assigneeId: p.worker.id }]) {
    const res = await request.post(`/api/v1/referrals/${referralId}/transitions`, {
      headers: { Authorization: `Bearer ${token}` },
      data: step,
    });
    expect(res.status()).toBe(200);
  }

  await page.getByLabel('Correo electrónico').fill(p.worker.email);
  await page.getByRole('textbox', { name: 'Contraseña', exact: true }).fill(PASSWORD);
  await page.getByLabel('Código de su aplicación de autenticación').fill(await p.worker.authenticator.nextCode());
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Mis remisiones' }).click();
  await expect(page.getByRole('heading', { name: 'Mis remisiones', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Abiertas' }).getByText('Asignada')).toBeVisible();
  await look(page, 'my-referrals-es');

  await page.getByRole('link', { name: 'Mateo Ríos' }).click();
  await expect(page.getByRole('heading', { name: 'Siguiente paso' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Llamar al 312-555-0199' })).toBeVisible();
  await expect(page.getByText('Asignada a usted')).toBeVisible();
  await page.getByRole('button', { name: 'Contacto intentado' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Registrado: Contacto intentado.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'No se pudo contactar' })).toBeVisible();
  await expect(page.getByText('Solo su organización ve las notas del caso. Nunca vuelven a la policía.')).toBeVisible();
  await look(page, 'my-referral-es');
});

test(
  'the police liaison refers a person with consent, sees the status change when the partner accepts, and ' +
    'records that consent was withdrawn',
  async ({ page, request }) => {
    test.setTimeout(150_000);
    const p = await twoWayPartnership(request, {
      manager: 'Alma Reyes',
      worker: 'Jon Baptiste',
      otherWorker: 'Mei Chen',
    });
    await page.setViewportSize(DESKTOP);
    await signIn(page, p.liaison, /\/incidents$/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sent referrals' }).click();
    await expect(page.getByRole('heading', { name: 'Sent referrals', level: 1 })).toBeVisible();
    await expect(page.getByText('Your department has not sent any referrals yet.')).toBeVisible();
    await page.getByRole('link', { name: 'New referral' }).click();

    // The form asks what the agreement's referral flow requires: consent, on the bases it accepts.
    await expect(page.getByRole('heading', { name: 'New referral', level: 1 })).toBeVisible();
    await expect(page.getByText('This agreement requires the person’s consent.')).toBeVisible();
    const basis = page.getByRole('combobox', { name: 'Basis of consent' });
    await expect(basis.getByRole('option')).toHaveText(['Choose the basis', 'Written consent', 'Verbal consent']);
    await page.getByRole('button', { name: 'Send the referral' }).click();
    await expect(page.getByRole('textbox', { name: 'Full name' })).toHaveAttribute('aria-invalid', 'true');
    await expect(basis).toHaveAttribute('aria-invalid', 'true');

    await page.getByRole('textbox', { name: 'Full name' }).fill('Andre Wallace');
    await page.getByRole('textbox', { name: 'Phone or other contact' }).fill('312-555-0177');
    await page.getByRole('spinbutton', { name: 'Age' }).fill('20');
    // A phone number in the reason: the API refuses it, and the form says so at the field.
    await page.getByRole('textbox', { name: 'Why you refer them' }).fill('Call his cousin at 312-555-0101 first.');
    await page.getByRole('textbox', { name: 'Risk factors' }).fill('prior victimization\nretaliation risk');
    await basis.selectOption({ label: 'Verbal consent' });
    await page.getByRole('button', { name: 'Send the referral' }).click();
    await expect(
      page.getByText('This holds identifiers (a phone number, address, date or case number); remove them.'),
    ).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Why you refer them' })).toHaveAttribute('aria-invalid', 'true');
    await look(page, 'referral-new-refused');
    await page
      .getByRole('textbox', { name: 'Why you refer them' })
      .fill('Brother killed last month; friends talk of getting even.');
    await page.getByRole('button', { name: 'Send the referral' }).click();

    // The referral's own page: the department's record and the consent, no word back yet.
    await expect(page.getByRole('heading', { name: 'Andre Wallace', level: 1 })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Referral sent.' })).toBeVisible();
    await expect(page.getByText('Sent — the partner has not taken it up yet')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Retract the referral' })).toBeVisible();
    await look(page, 'referral-sent');
    const referralId = page.url().split('/').pop()!;

    // The list, open while the partner's program manager accepts it.
    await page.getByRole('link', { name: 'Back to sent referrals' }).click();
    const row = page.getByRole('row', { name: /Andre Wallace/ });
    await expect(row).toContainText('Sent — the partner has not taken it up yet');
    await expect(row.getByRole('cell', { name: 'Referrals and status' })).toBeVisible();
    const accepted = await request.post(`/api/v1/referrals/${referralId}/transitions`, {
      headers: { Authorization: `Bearer ${await apiToken(request, p.manager)}` },
      data: { to: 'accepted' },
    });
    expect(accepted.status()).toBe(200);
    await expect(row).toContainText('In progress at the partner', { timeout: 40_000 });
    await look(page, 'referrals-sent');

    // The status back is in the liaison's inbox too (no deadline: the police are told, not asked), and leads to it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
    await expect(page.getByRole('region', { name: 'Waiting for you' })).toContainText('Nothing is waiting for you.');
    await page
      .getByRole('region', { name: 'For your information: referrals your department sent' })
      .getByRole('link', { name: /Referral status/ })
      .click();
    await expect(
      page.getByText('The partner moved a referral your department sent. Its status now: in progress at the partner.'),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);
    await look(page, 'inbox-status-back');
    await page.getByRole('link', { name: 'Open the sent referral' }).click();

    // Consent withdrawn: asked to confirm, then recorded; the partner's copy goes.
    await expect(page.getByRole('heading', { name: 'Andre Wallace', level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Retract the referral' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Record that consent was withdrawn' }).click();
    const dialog = page.getByRole('dialog', { name: 'Consent withdrawn?' });
    await expect(dialog).toBeVisible();
    await look(page, 'referral-withdraw-confirm');
    await dialog.getByRole('button', { name: 'Yes, consent was withdrawn' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Consent withdrawal recorded.' })).toBeVisible();
    await expect(page.getByText('Consent withdrawn: the partner’s copy is removed')).toBeVisible();
    await expect(page.getByText('Nothing more can be done with this referral.')).toBeVisible();
    const partnerView = await request.get(`/api/v1/referrals/${referralId}`, {
      headers: { Authorization: `Bearer ${await apiToken(request, p.manager)}` },
    });
    expect(partnerView.status()).toBe(404);
  },
);

test('the liaison’s referral screens in Spanish, and a retraction', async ({ page, request }) => {
  const p = await twoWayPartnership(request, { manager: 'Sara Gil', worker: 'Pablo Vera', otherWorker: 'Eva Roca' });
  await p.sendReferral({ name: 'Diego Luna', age: 18, reason: 'Testigo de un tiroteo; teme represalias.' });
  await page.setViewportSize(DESKTOP);
  await page.goto('/sign-in');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
  await page.getByLabel('Correo electrónico').fill(p.liaison.email);
  await page.getByRole('textbox', { name: 'Contraseña', exact: true }).fill(PASSWORD);
  await page.getByLabel('Código de su aplicación de autenticación').fill(await p.liaison.authenticator.nextCode());
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await expect(page).toHaveURL(/\/incidents$/);

  await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Remisiones enviadas' }).click();
  await expect(page.getByRole('heading', { name: 'Remisiones enviadas', level: 1 })).toBeVisible();
  await expect(page.getByRole('row', { name: /Diego Luna/ })).toContainText('Enviada: el socio aún no la ha tomado');
  await look(page, 'referrals-sent-es');

  await page.getByRole('link', { name: 'Nueva remisión' }).click();
  await expect(page.getByRole('heading', { name: 'Nueva remisión', level: 1 })).toBeVisible();
  await expect(page.getByText('Este acuerdo exige el consentimiento de la persona.')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Base del consentimiento' }).getByRole('option')).toHaveText([
    'Elija la base',
    'Consentimiento por escrito',
    'Consentimiento verbal',
  ]);
  await look(page, 'referral-new-es');

  // Retracted while the partner has not taken it up: the status says so, and the button is gone.
  await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Remisiones enviadas' }).click();
  await page.getByRole('link', { name: 'Diego Luna' }).click();
  await page.getByRole('button', { name: 'Retirar la remisión' }).click();
  await expect(page.getByText('Retirada por su departamento', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Retirar la remisión' })).toHaveCount(0);
  await look(page, 'referral-retracted-es');
});

import type { APIRequestContext, Page } from '@playwright/test';
import { apiToken, enrollByApi, organizationWithAdmin, PASSWORD, type Person, uniqueEmail } from './accord';
import { expect } from './fixtures';
import { testServerUrl } from './servers';

/** A person of the test, enrolled, with their user id and the name colleagues see. */
export interface Member extends Person {
  id: string;
  displayName: string;
}

type Organization = Awaited<ReturnType<typeof organizationWithAdmin>>;

async function member(
  org: Organization,
  request: APIRequestContext,
  label: string,
  roles: string[],
  displayName: string,
): Promise<Member> {
  const email = uniqueEmail(label);
  const invited = await org.invite(email, roles, displayName);
  return { ...(await enrollByApi(request, invited.enrollmentUrl, email)), id: invited.id, displayName };
}

async function call(
  request: APIRequestContext,
  token: string,
  path: string,
  data?: unknown,
): Promise<Record<string, unknown>> {
  const url = `${testServerUrl()}/api/v1${path}`;
  const headers = { Authorization: `Bearer ${token}` };
  const res = data === undefined ? await request.post(url, { headers }) : await request.post(url, { headers, data });
  if (!res.ok()) throw new Error(`POST ${path} failed: ${res.status()} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

async function orgIdOf(request: APIRequestContext, token: string): Promise<string> {
  const res = await request.get(`${testServerUrl()}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
  return ((await res.json()) as { orgId: string }).orgId;
}

/**
 * A police department and an outreach program under an active two-way agreement (its referral
 * flow reaches the program's managers and outreach workers), set up through the API the way the
 * two admins would: a liaison on the police side; a program manager and two outreach workers on
 * the partner side, each with a display name.
 */
export async function twoWayPartnership(
  request: APIRequestContext,
  names = { manager: 'Rosa Delgado', worker: 'Marta Quintero', otherWorker: 'Dev Patel' },
) {
  const police = await organizationWithAdmin(request, 'police');
  const partner = await organizationWithAdmin(request, 'community');
  const liaison = await member(police, request, 'liaison', ['police_liaison'], 'Sgt. Ana Ruiz');
  const manager = await member(partner, request, 'manager', ['program_manager'], names.manager);
  const worker = await member(partner, request, 'worker', ['outreach_worker'], names.worker);
  const otherWorker = await member(partner, request, 'worker2', ['outreach_worker'], names.otherWorker);

  // Approving needs a sign-in within the last five minutes: fresh tokens for it.
  const policeToken = await apiToken(request, police.admin);
  const partnerToken = await apiToken(request, partner.admin);
  const agreement = await call(request, policeToken, '/agreements', {
    counterpartOrgId: await orgIdOf(request, partnerToken),
    title: 'Referrals and status',
    templateKey: 'two-way-referrals-and-status',
  });
  const versionId = (agreement.versions as { id: string }[])[0]!.id;
  await call(request, policeToken, `/agreement-versions/${versionId}/propose`);
  await call(request, policeToken, `/agreement-versions/${versionId}/approve`);
  const approved = await call(request, partnerToken, `/agreement-versions/${versionId}/approve`);
  if (approved.status !== 'active') throw new Error(`the agreement is not active: ${JSON.stringify(approved)}`);

  const liaisonToken = await apiToken(request, liaison);
  return {
    agreementId: agreement.id as string,
    /** The parties' names, as the agreement gives them to both. */
    policeName: agreement.policeOrgName as string,
    partnerName: agreement.partnerOrgName as string,
    /** The partner's org admin (webhooks.pw.ts signs in as them). */
    partnerAdmin: partner.admin,
    /** The police department's org admin (agreements.pw.ts: the two admins amend their agreement). */
    policeAdmin: police.admin,
    liaison,
    manager,
    worker,
    otherWorker,
    /** The liaison refers a person to the program (consent given today); returns the referral id. */
    async sendReferral(person: {
      name: string;
      contact?: string;
      age?: number;
      reason: string;
      riskFactors?: string[];
    }): Promise<string> {
      const sent = await call(request, liaisonToken, '/referrals', {
        agreementId: agreement.id,
        person,
        consent: { basis: 'verbal', givenOn: new Date().toISOString().slice(0, 10) },
      });
      return sent.id as string;
    },
  };
}

/** Signs in through the sign-in page and waits for the person's landing page. */
export async function signIn(page: Page, person: Person, landing: RegExp): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
  await page.getByLabel('Code from your authenticator app').fill(await person.authenticator.nextCode());
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(landing);
}

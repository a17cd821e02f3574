import type { APIRequestContext } from '@playwright/test';
import { apiToken, enrollByApi, organizationWithAdmin, type Person, uniqueEmail } from './accord';
import { shareIncident, shooting } from './incidents';
import { testServerUrl } from './servers';

async function post(request: APIRequestContext, token: string, path: string, data?: unknown) {
  const res = await request.post(`${testServerUrl()}/api/v1${path}`, {
    headers: { Authorization: `Bearer ${token}` },
    ...(data === undefined ? {} : { data }),
  });
  if (!res.ok()) throw new Error(`POST ${path} failed: ${res.status()} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/**
 * A police department and an outreach program under an active two-way agreement whose board names a board
 * member of the program, with some history made through the API: alerts shared by the liaison, most of them
 * acknowledged by the program's outreach worker. What the board's dashboard and audit trail then show.
 */
export async function partnershipWithBoard(request: APIRequestContext, alerts = 6, acknowledged = 5) {
  const police = await organizationWithAdmin(request, 'police');
  const partner = await organizationWithAdmin(request, 'community');
  const enroll = async (org: typeof police, label: string, roles: string[], name: string) => {
    const email = uniqueEmail(label);
    const invited = await org.invite(email, roles, name);
    return { ...(await enrollByApi(request, invited.enrollmentUrl, email)), id: invited.id };
  };
  const liaison = await enroll(police, 'liaison', ['police_liaison'], 'Sgt. Ana Ruiz');
  const worker = await enroll(partner, 'worker', ['outreach_worker'], 'Marta Quintero');
  const board: Person & { id: string } = await enroll(partner, 'board', ['board_member'], 'Rev. Lena Brooks');

  const policeToken = await apiToken(request, police.admin);
  const partnerToken = await apiToken(request, partner.admin);
  const partnerOrg = (await (
    await request.get(`${testServerUrl()}/api/v1/organizations/me`, {
      headers: { Authorization: `Bearer ${partnerToken}` },
    })
  ).json()) as { id: string; name: string };
  const title = `Westside partnership ${Date.now().toString(36)}`;
  const agreement = await post(request, policeToken, '/agreements', {
    counterpartOrgId: partnerOrg.id,
    title,
    templateKey: 'two-way-referrals-and-status',
    boardMemberIds: [board.id],
  });
  const versionId = (agreement.versions as { id: string }[])[0]!.id;
  await post(request, policeToken, `/agreement-versions/${versionId}/propose`);
  await post(request, policeToken, `/agreement-versions/${versionId}/approve`);
  const approved = await post(request, partnerToken, `/agreement-versions/${versionId}/approve`);
  if (approved.status !== 'active') throw new Error(`the agreement is not active: ${JSON.stringify(approved)}`);

  const liaisonToken = await apiToken(request, liaison);
  const workerToken = await apiToken(request, worker);
  const asWorker = { Authorization: `Bearer ${workerToken}` };
  for (let i = 0; i < alerts; i++) {
    const incident = shooting(`Shots fired near the park, call ${i + 1}; nobody was hit.`);
    const { disclosureId } = await shareIncident(request, liaisonToken, {
      ...incident,
      occurredAt: new Date(Date.now() - (i * 5 + 1) * 86_400_000).toISOString(),
    });
    if (i >= acknowledged) continue;
    // Delivery runs in the background: the alert is in the worker's inbox once it is delivered.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const item = await request.get(`${testServerUrl()}/api/v1/inbox/${disclosureId}`, { headers: asWorker });
      if (item.ok()) break;
      if (Date.now() > deadline) throw new Error(`alert ${disclosureId} never reached the worker's inbox`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const ack = await request.post(`${testServerUrl()}/api/v1/inbox/${disclosureId}/acknowledge`, {
      headers: asWorker,
    });
    if (!ack.ok()) throw new Error(`acknowledging failed: ${ack.status()} ${await ack.text()}`);
  }
  return {
    agreementId: agreement.id as string,
    title,
    board,
    policeName: agreement.policeOrgName as string,
    partnerName: partnerOrg.name,
  };
}

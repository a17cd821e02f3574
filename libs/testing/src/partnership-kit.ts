import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { ManualClock } from '@accord/identity';
import { OrgKind, Role } from '@accord/policy';
import { DEMO_SERVICE_AREAS, type ServiceAreaCollection } from '@accord/sharing';
import { type EnrolledUser, invite, login, organizationWithAdmin } from './identity-kit';

export interface Partnership {
  app: NestExpressApplication;
  clock: ManualClock;
  policeAdmin: EnrolledUser;
  liaison: EnrolledUser;
  partnerAdmin: EnrolledUser;
  worker: EnrolledUser;
  partnerOrgId: string;
  agreementId: string;
}

/** A police department and an outreach program with an active agreement from a template, set up through the API. */
export async function partnership(
  app: NestExpressApplication,
  clock: ManualClock,
  templateKey = 'one-way-shooting-notifications',
): Promise<Partnership> {
  const police = await organizationWithAdmin(
    app,
    clock,
    'Eastside Police Department',
    OrgKind.Police,
    'admin@eastside-pd.test',
  );
  const partner = await organizationWithAdmin(
    app,
    clock,
    'Safe Streets Outreach',
    OrgKind.Community,
    'admin@safestreets.test',
  );
  const liaison = await invite(app, clock, await login(app, clock, police.admin), 'liaison@eastside-pd.test', [
    Role.PoliceLiaison,
  ]);
  const worker = await invite(app, clock, await login(app, clock, partner.admin), 'worker@safestreets.test', [
    Role.OutreachWorker,
  ]);
  const policeToken = await login(app, clock, police.admin);
  const created = await request(app.getHttpServer())
    .post('/api/v1/agreements')
    .set('Authorization', `Bearer ${policeToken}`)
    .send({ counterpartOrgId: partner.orgId, title: 'Alerts', templateKey });
  const versionId = created.body.versions[0].id as string;
  await request(app.getHttpServer())
    .post(`/api/v1/agreement-versions/${versionId}/propose`)
    .set('Authorization', `Bearer ${policeToken}`);
  await request(app.getHttpServer())
    .post(`/api/v1/agreement-versions/${versionId}/approve`)
    .set('Authorization', `Bearer ${policeToken}`);
  const partnerToken = await login(app, clock, partner.admin);
  const approved = await request(app.getHttpServer())
    .post(`/api/v1/agreement-versions/${versionId}/approve`)
    .set('Authorization', `Bearer ${partnerToken}`);
  if (approved.body.status !== 'active') throw new Error(`agreement not active: ${JSON.stringify(approved.body)}`);
  return {
    app,
    clock,
    policeAdmin: police.admin,
    liaison,
    partnerAdmin: partner.admin,
    worker,
    partnerOrgId: partner.orgId,
    agreementId: created.body.id as string,
  };
}

export interface TwoWayPartnership extends Partnership {
  manager: EnrolledUser;
  /** A second outreach worker of the partner, to show what a worker who is not assigned does not get. */
  otherWorker: EnrolledUser;
}

/**
 * The two-way template (alerts and referrals to the partner — the referral flow reaching program
 * managers and outreach workers — coarse status and concerns back), with a program manager and
 * two outreach workers on the partner side.
 */
export async function twoWayPartnership(app: NestExpressApplication, clock: ManualClock): Promise<TwoWayPartnership> {
  const p = await partnership(app, clock, 'two-way-referrals-and-status');
  const partnerToken = await login(app, clock, p.partnerAdmin);
  const manager = await invite(app, clock, partnerToken, 'manager@safestreets.test', [Role.ProgramManager]);
  const otherWorker = await invite(app, clock, partnerToken, 'worker2@safestreets.test', [Role.OutreachWorker]);
  return { ...p, manager, otherWorker };
}

export { sampleIncident } from './sample-incident';

/** Polls until `probe` returns something (delivery runs asynchronously). */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The liaison records an incident and shares it under every agreement in force, through the API;
 * returns the incident and the disclosures made. Fails the test at once when either step is refused.
 */
export async function recordAndShare(
  app: NestExpressApplication,
  liaisonToken: string,
  incident: object,
  redact = false,
): Promise<{ incidentId: string; disclosureIds: string[] }> {
  const http = () => request(app.getHttpServer());
  const created = await http().post('/api/v1/incidents').set('Authorization', `Bearer ${liaisonToken}`).send(incident);
  if (created.status !== 201) throw new Error(`recording the incident failed: ${created.status} ${created.text}`);
  const incidentId = created.body.id as string;
  const shared = await http()
    .post(`/api/v1/incidents/${incidentId}/share`)
    .set('Authorization', `Bearer ${liaisonToken}`)
    .send({ redact });
  if (shared.status !== 200) throw new Error(`sharing failed: ${shared.status} ${shared.text}`);
  return { incidentId, disclosureIds: (shared.body as { disclosureId: string }[]).map((d) => d.disclosureId) };
}

/**
 * The organization's admin loads its service areas through the API (the demo city's districts D14,
 * D12 and D07 unless others are given); from then on the organization's incidents take their
 * service area from their point. Fails the test at once when the upload is refused.
 */
export async function loadServiceAreas(
  app: NestExpressApplication,
  adminToken: string,
  areas: ServiceAreaCollection = DEMO_SERVICE_AREAS,
): Promise<void> {
  const res = await request(app.getHttpServer())
    .put('/api/v1/service-areas')
    .set('Authorization', `Bearer ${adminToken}`)
    .send(areas);
  if (res.status !== 200) throw new Error(`loading the service areas failed: ${res.status} ${res.text}`);
}

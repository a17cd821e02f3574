import type { DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { AppConfig } from '@accord/config';
import { CLOCK_OVERRIDE, type ManualClock, OrganizationsService, totpCodeAt } from '@accord/identity';
import type { OrgKind } from '@accord/policy';
import { enrollmentLinkSentTo } from './smtp-sink';

export const PASSWORD = 'lantern-river-okra-47';

/** Replaces the system clock of the app under test (see CLOCK_OVERRIDE). */
export function clockModule(clock: ManualClock): DynamicModule {
  class TestClockModule {}
  return {
    module: TestClockModule,
    global: true,
    providers: [{ provide: CLOCK_OVERRIDE, useValue: clock }],
    exports: [CLOCK_OVERRIDE],
  };
}

export function tokenOf(enrollmentUrl: string): string {
  return new URL(enrollmentUrl).hash.replace(/^#token=/, '');
}

export interface EnrolledUser {
  id: string;
  email: string;
  secret: string;
}

/** The next unused TOTP code: moves the clock one step so each login gets a fresh one. */
export function nextCode(clock: ManualClock, secret: string): string {
  clock.advance(30_000);
  return totpCodeAt(secret, clock.now().getTime());
}

export async function enroll(
  app: NestExpressApplication,
  clock: ManualClock,
  enrollmentUrl: string,
  email: string,
  password = PASSWORD,
): Promise<EnrolledUser> {
  const token = tokenOf(enrollmentUrl);
  const started = await request(app.getHttpServer()).post('/api/v1/auth/enrollment').send({ token, password });
  if (started.status !== 200) throw new Error(`enrollment failed: ${started.status} ${JSON.stringify(started.body)}`);
  const secret = started.body.secret as string;
  const confirmed = await request(app.getHttpServer())
    .post('/api/v1/auth/enrollment/confirm')
    .send({ token, code: totpCodeAt(secret, clock.now().getTime()) });
  if (confirmed.status !== 200)
    throw new Error(`confirmation failed: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return { id: confirmed.body.userId as string, email, secret };
}

/** An organization with an enrolled admin, made the way the operator's command line makes it. */
export async function organizationWithAdmin(
  app: NestExpressApplication,
  clock: ManualClock,
  name: string,
  kind: OrgKind,
  adminEmail: string,
) {
  const created = await app
    .get(OrganizationsService)
    .create({ bypassAuthorization: 'command-line' }, { name, kind, adminEmail });
  const admin = await enroll(app, clock, created.admin.enrollment.url, adminEmail);
  return { orgId: created.organization.id, admin };
}

export async function login(
  app: NestExpressApplication,
  clock: ManualClock,
  user: EnrolledUser,
  password = PASSWORD,
): Promise<string> {
  const res = await request(app.getHttpServer())
    .post('/api/v1/auth/login')
    .send({ email: user.email, password, code: nextCode(clock, user.secret), client: 'api' });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

export async function invite(
  app: NestExpressApplication,
  clock: ManualClock,
  adminToken: string,
  email: string,
  roles: string[],
  displayName?: string,
): Promise<EnrolledUser> {
  const res = await request(app.getHttpServer())
    .post('/api/v1/users')
    .set('Authorization', `Bearer ${adminToken}`)
    .send({ email, roles, displayName });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${JSON.stringify(res.body)}`);
  return enroll(app, clock, emailedEnrollmentLink(app, email), email);
}

/** The link the app e-mailed to `email` (its SMTP_URL must be a test sink: testMailbox()); the API never answers it. */
export function emailedEnrollmentLink(app: NestExpressApplication, email: string): string {
  return enrollmentLinkSentTo(app.get(AppConfig).smtpUrl, email);
}

/** Requests as `user`: a fresh login, then every request carries its Bearer token. */
export async function loginAs(app: NestExpressApplication, clock: ManualClock, user: EnrolledUser) {
  const token = await login(app, clock, user);
  const server = app.getHttpServer();
  const as = <T extends request.Test>(test: T): T => test.set('Authorization', `Bearer ${token}`) as T;
  return {
    token,
    get: (path: string) => as(request(server).get(path)),
    post: (path: string) => as(request(server).post(path)),
    put: (path: string) => as(request(server).put(path)),
    patch: (path: string) => as(request(server).patch(path)),
    delete: (path: string) => as(request(server).delete(path)),
  };
}

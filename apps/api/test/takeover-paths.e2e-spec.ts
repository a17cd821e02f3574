import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import request from 'supertest';
import type { ManualClock } from '@accord/identity';
import { Role } from '@accord/policy';
import {
  createTestDatabase,
  eventually,
  type EnrolledUser,
  invite,
  login,
  nextCode,
  type Partnership,
  partnership,
  PASSWORD,
  smtpSink,
  type SmtpSink,
  type TestDatabase,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

/**
 * Issue 12 item 1: an admin giving themselves a role that reads shared content. With a second admin
 * in the organization it is refused (that admin must do it); in a one-admin organization it goes
 * through but the partners' admins are told, the agreement's stream records it and the board report
 * flags it.
 */
describe('takeover paths: content roles an admin gives themselves (e2e)', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let clock: ManualClock;
  let owner: Client;
  let sink: SmtpSink;
  let parties: Partnership;
  let board: EnrolledUser;
  let reviewedAgreementId: string;
  const http = () => request(app.getHttpServer());

  async function freshAdminToken(admin: EnrolledUser): Promise<string> {
    const token = await login(app, clock, admin);
    const reauth = await http()
      .post('/api/v1/auth/reauthenticate')
      .set('Authorization', `Bearer ${token}`)
      .send({ password: PASSWORD, code: nextCode(clock, admin.secret) });
    expect(reauth.status).toBe(200);
    return token;
  }

  const rolesOf = async (id: string) =>
    (await owner.query(`SELECT roles FROM users WHERE id = $1`, [id])).rows[0].roles as string[];
  const streamEntries = async (action: string) =>
    (
      await owner.query(
        `SELECT stream, actor_org_id, subject_id, details, seq FROM audit_entries WHERE action = $1 ORDER BY seq`,
        [action],
      )
    ).rows as {
      stream: string;
      actor_org_id: string;
      subject_id: string;
      details: Record<string, unknown>;
    }[];

  beforeAll(async () => {
    db = await createTestDatabase('takeover');
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    sink = await smtpSink();
    ({ app, clock } = await startApiWithClock(db, { SMTP_URL: sink.url, LOGIN_THROTTLE_MAX_ATTEMPTS: '10000' }));
    parties = await partnership(app, clock);
    // A second agreement of the same two parties, with a police board member on it.
    board = await invite(app, clock, await login(app, clock, parties.policeAdmin), 'board@eastside-pd.test', [
      Role.BoardMember,
    ]);
    const police = await login(app, clock, parties.policeAdmin);
    const partner = await login(app, clock, parties.partnerAdmin);
    const created = await http()
      .post('/api/v1/agreements')
      .set('Authorization', `Bearer ${police}`)
      .send({
        counterpartOrgId: parties.partnerOrgId,
        title: 'Reviewed',
        templateKey: 'one-way-shooting-notifications',
        boardMemberIds: [board.id],
      });
    const versionId = created.body.versions[0].id as string;
    await http().post(`/api/v1/agreement-versions/${versionId}/propose`).set('Authorization', `Bearer ${police}`);
    await http().post(`/api/v1/agreement-versions/${versionId}/approve`).set('Authorization', `Bearer ${police}`);
    const approved = await http()
      .post(`/api/v1/agreement-versions/${versionId}/approve`)
      .set('Authorization', `Bearer ${partner}`);
    expect(approved.body.status).toBe('active');
    reviewedAgreementId = created.body.id as string;
  });

  afterAll(async () => {
    await app?.close();
    await sink?.close();
    await owner?.end();
    await db?.drop();
  });

  it(
    'lets the only admin of an organization take a content role, but tells the partner’s admins, records it in ' +
      'the agreement’s stream and flags it on the board report',
    async () => {
      const token = await freshAdminToken(parties.partnerAdmin);
      const before = sink.mails.length;
      const res = await http()
        .put(`/api/v1/users/${parties.partnerAdmin.id}/roles`)
        .set('Authorization', `Bearer ${token}`)
        .send({ roles: [Role.OrgAdmin, Role.ProgramManager] });
      expect(res.status).toBe(200);
      expect(await rolesOf(parties.partnerAdmin.id)).toEqual([Role.OrgAdmin, Role.ProgramManager]);

      // One entry in the stream of each agreement of the organization in force.
      const grants = await streamEntries('user.content_role_grant');
      expect(grants).toHaveLength(2);
      expect(grants.map((g) => g.stream).sort()).toEqual(
        [`agreement:${parties.agreementId}`, `agreement:${reviewedAgreementId}`].sort(),
      );
      for (const grant of grants) {
        expect(grant).toEqual(
          expect.objectContaining({ actor_org_id: parties.partnerOrgId, subject_id: parties.partnerAdmin.id }),
        );
        expect(grant.details).toEqual({ roles: Role.ProgramManager, selfGrant: true });
      }
      const [change] = (await streamEntries('user.roles_change')).filter(
        (e) => e.subject_id === parties.partnerAdmin.id,
      );
      expect(change!.details).toEqual(expect.objectContaining({ selfGrant: true, to: 'org_admin,program_manager' }));

      // The police admin (the partner of the agreement) is told, without content.
      const mail = await eventually(async () =>
        sink.mails.slice(before).find((m) => m.to.includes(parties.policeAdmin.email)),
      );
      expect(mail.subject).toMatch(/partner organization/i);
      expect(mail.text).toContain('deliberately carries no details');
      expect(`${mail.subject}\n${mail.text}`).not.toMatch(/Safe Streets|safestreets|program_manager/i);
      expect(sink.mails.slice(before).filter((m) => m.to.includes('safestreets'))).toHaveLength(0);

      // The police's board sees the flag on the agreement's report.
      const boardToken = await login(app, clock, board);
      const report = await http()
        .get(`/api/v1/agreements/${reviewedAgreementId}/report?from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z`)
        .set('Authorization', `Bearer ${boardToken}`);
      expect(report.status).toBe(200);
      expect(report.body.contentRoleSelfGrants).toEqual([
        { day: expect.stringMatching(/^2026-\d\d-\d\d$/), orgId: parties.partnerOrgId, roles: Role.ProgramManager },
      ]);
    },
  );

  it(
    'refuses an admin giving themselves a content role while another admin could (403 SECOND_ADMIN_REQUIRED); ' +
      'the second admin may',
    async () => {
      const policeToken = await freshAdminToken(parties.policeAdmin);
      const second = await invite(app, clock, policeToken, 'second.admin@eastside-pd.test', [Role.OrgAdmin]);
      const refused = await http()
        .put(`/api/v1/users/${parties.policeAdmin.id}/roles`)
        .set('Authorization', `Bearer ${policeToken}`)
        .send({ roles: [Role.OrgAdmin, Role.PoliceLiaison] });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('SECOND_ADMIN_REQUIRED');
      expect(await rolesOf(parties.policeAdmin.id)).toEqual([Role.OrgAdmin]);
      // A role that reads no content stays the admin's own business.
      const board = await http()
        .put(`/api/v1/users/${parties.policeAdmin.id}/roles`)
        .set('Authorization', `Bearer ${policeToken}`)
        .send({ roles: [Role.OrgAdmin, Role.BoardMember] });
      expect(board.status).toBe(200);

      const secondToken = await freshAdminToken(second);
      const granted = await http()
        .put(`/api/v1/users/${parties.policeAdmin.id}/roles`)
        .set('Authorization', `Bearer ${secondToken}`)
        .send({ roles: [Role.OrgAdmin, Role.PoliceLiaison] });
      expect(granted.status).toBe(200);
      const grants = (await streamEntries('user.content_role_grant')).filter(
        (e) => e.subject_id === parties.policeAdmin.id,
      );
      expect(grants).toHaveLength(2);
      expect(grants.every((g) => g.details.selfGrant === false && g.details.roles === Role.PoliceLiaison)).toBe(true);
    },
  );
});

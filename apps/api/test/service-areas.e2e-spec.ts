import { Client } from 'pg';
import request from 'supertest';
import { OrgKind, Role } from '@accord/policy';
import { DEMO_SERVICE_AREAS, type ServiceAreaCollection } from '@accord/sharing';
import {
  createTestDatabase,
  invite,
  loadServiceAreas,
  login,
  organizationWithAdmin,
  type Partnership,
  partnership,
  sampleIncident,
  type TestDatabase,
} from '@accord/testing';
import { startApiWithClock } from './test-api';

/** Issue 15: a department's own service areas, loaded by its admin; an incident's area comes from its point. */
describe('service areas (e2e)', () => {
  let db: TestDatabase;
  let p: Partnership;
  let owner: Client;
  let otherAdmin: string;
  const http = () => request(p.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const policeAdmin = () => login(p.app, p.clock, p.policeAdmin);
  const liaison = () => login(p.app, p.clock, p.liaison);
  const areaCount = async () =>
    Number((await owner.query<{ n: string }>('SELECT count(*) AS n FROM service_areas')).rows[0]!.n);
  const square = (code: string, west: number, south: number) => ({
    type: 'Feature',
    properties: { code, name: `Area ${code}` },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [west, south],
          [west + 0.01, south],
          [west + 0.01, south + 0.01],
          [west, south + 0.01],
          [west, south],
        ],
      ],
    },
  });

  beforeAll(async () => {
    db = await createTestDatabase('serviceareas');
    const { app, clock } = await startApiWithClock(db);
    p = await partnership(app, clock);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    const other = await organizationWithAdmin(app, clock, 'Northside PD', OrgKind.Police, 'admin@northside.test');
    otherAdmin = await login(app, clock, other.admin);
  }, 120_000);

  afterAll(async () => {
    await owner?.end();
    await p?.app.close();
    await db?.drop();
  });

  it('keeps the typed code while the organization has no areas, and asks for one then', async () => {
    const typed = await http()
      .post('/api/v1/incidents')
      .set(as(await liaison()))
      .send(sampleIncident('Before areas.'));
    expect(typed.status).toBe(201);
    const listed = await http()
      .get('/api/v1/incidents')
      .set(as(await liaison()));
    expect(listed.body.items[0].serviceArea).toBe('D14');
    const incident = sampleIncident('No code.');
    const untyped = await http()
      .post('/api/v1/incidents')
      .set(as(await liaison()))
      .send({ ...incident, location: { ...incident.location, serviceArea: undefined } });
    expect(untyped.status).toBe(400);
    expect(untyped.body.error.code).toBe('VALIDATION_FAILED');
    expect(
      (
        await http()
          .get('/api/v1/service-areas')
          .set(as(await liaison()))
      ).body,
    ).toEqual({
      type: 'FeatureCollection',
      features: [],
    });
  });

  it("the org admin loads the department's areas; its members read them, another organization does not", async () => {
    const put = await http()
      .put('/api/v1/service-areas')
      .set(as(await policeAdmin()))
      .send(DEMO_SERVICE_AREAS);
    expect(put.status).toBe(200);
    expect(put.body).toEqual(DEMO_SERVICE_AREAS);
    const read = await http()
      .get('/api/v1/service-areas')
      .set(as(await liaison()));
    expect(read.status).toBe(200);
    expect(read.body.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual([
      'D14',
      'D12',
      'D07',
    ]);
    // Another department's admin sees its own (none), never these.
    expect((await http().get('/api/v1/service-areas').set(as(otherAdmin))).body.features).toEqual([]);
    const audit = await owner.query<{ details: { areas: number } }>(
      `SELECT details FROM audit_entries WHERE action = 'service_areas.replace' ORDER BY seq`,
    );
    expect(audit.rows.map((r) => r.details.areas)).toEqual([3]);
  });

  it('derives the area from the point, whatever code is typed; a point outside every area is refused', async () => {
    const incident = sampleIncident('Derived area.');
    const created = await http()
      .post('/api/v1/incidents')
      .set(as(await liaison()))
      .send({ ...incident, location: { ...incident.location, latitude: 41.8957, serviceArea: 'D99' } });
    expect(created.status).toBe(201);
    const detail = await http()
      .get(`/api/v1/incidents/${created.body.id}`)
      .set(as(await liaison()));
    expect(detail.body.location.serviceArea).toBe('D12');
    // The second polygon of D07's MultiPolygon.
    const moved = await http()
      .patch(`/api/v1/incidents/${created.body.id}`)
      .set(as(await liaison()))
      .send({ location: { ...incident.location, latitude: 41.8781, longitude: -87.6298 }, redact: false });
    expect(moved.status).toBe(200);
    const after = await http()
      .get(`/api/v1/incidents/${created.body.id}`)
      .set(as(await liaison()));
    expect(after.body.location.serviceArea).toBe('D07');

    const outside = await http()
      .post('/api/v1/incidents')
      .set(as(await liaison()))
      .send({ ...incident, location: { ...incident.location, latitude: 41.7 } });
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('OUTSIDE_SERVICE_AREAS');
  });

  it.each<[string, unknown, string, string | undefined]>([
    ['not a collection', { type: 'FeatureCollection', features: 'D14' }, 'VALIDATION_FAILED', undefined],
    [
      'a point',
      {
        type: 'FeatureCollection',
        features: [{ ...square('A', 0, 0), geometry: { type: 'Point', coordinates: [0, 0] } }],
      },
      'SERVICE_AREAS_INVALID',
      'geometry',
    ],
    [
      'an open ring',
      {
        type: 'FeatureCollection',
        features: [
          {
            ...square('A', 0, 0),
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [0, 0],
                  [1, 0],
                  [1, 1],
                  [0, 1],
                ],
              ],
            },
          },
        ],
      },
      'SERVICE_AREAS_INVALID',
      'openRing',
    ],
    [
      'a latitude past the pole',
      { type: 'FeatureCollection', features: [square('A', 10, 89.995)] },
      'SERVICE_AREAS_INVALID',
      'range',
    ],
    [
      'a repeated code',
      { type: 'FeatureCollection', features: [square('A', 0, 0), square('a', 1, 1)] },
      'SERVICE_AREAS_INVALID',
      'duplicate',
    ],
    [
      'no code',
      { type: 'FeatureCollection', features: [{ ...square('A', 0, 0), properties: { name: 'x' } }] },
      'SERVICE_AREAS_INVALID',
      'code',
    ],
    [
      'too many areas',
      { type: 'FeatureCollection', features: Array.from({ length: 201 }, (_, i) => square(`A${i}`, 0, 0)) },
      'VALIDATION_FAILED',
      undefined,
    ],
  ])('refuses %s and changes nothing', async (_what, body, code, reason) => {
    const before = await areaCount();
    const res = await http()
      .put('/api/v1/service-areas')
      .set(as(await policeAdmin()))
      .send(body as ServiceAreaCollection);
    expect({ status: res.status, code: res.body.error.code }).toEqual({
      status: code === 'VALIDATION_FAILED' ? 400 : 422,
      code,
    });
    expect(typeof res.body.error.message).toBe('string');
    // The stable key a client words the problem by (the web app, in its languages), beside the English message.
    // (A refusal by the DTO's validation has none.)
    expect(res.body.error.details?.reason).toBe(reason);
    expect(await areaCount()).toBe(before);
  });

  it('only the org admin loads areas: a liaison is refused and nothing changes', async () => {
    const res = await http()
      .put('/api/v1/service-areas')
      .set(as(await liaison()))
      .send(DEMO_SERVICE_AREAS);
    expect(res.status).toBe(403);
    const stranger = await invite(p.app, p.clock, otherAdmin, 'liaison@northside.test', [Role.PoliceLiaison]);
    const theirs = await login(p.app, p.clock, stranger);
    expect((await http().get('/api/v1/service-areas').set(as(theirs))).body.features).toEqual([]);
  });

  it('the test kit loads areas for another department, replacing nothing of this one', async () => {
    await loadServiceAreas(p.app, otherAdmin, { type: 'FeatureCollection', features: [] });
    expect(
      (
        await http()
          .get('/api/v1/service-areas')
          .set(as(await liaison()))
      ).body.features,
    ).toHaveLength(3);
  });
});

import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource, LessThan } from 'typeorm';
import { AgreementsService } from '@accord/agreements';
import { agreementStream, AuditCheckpointService, inRecordedPast, SYSTEM_STREAM } from '@accord/audit';
import { AppConfig } from '@accord/config';
import { JobsWorker } from '@accord/jobs';
import { DEMO_HOSPITAL_DOMAIN, DEMO_OUTREACH_DOMAIN, DEMO_POLICE_DOMAIN, DemoCitySeeder } from '@accord/identity';
import { type AuthContext, Role } from '@accord/policy';
import {
  CommunityConcernsService,
  DeliveryService,
  DEMO_HISTORY_DAYS,
  demoHistoryStart,
  InboxService,
  type RecordResponseDto,
  SharingService,
} from '@accord/sharing';
import { DemoReferralSeeder } from './demo-referral';
import { Referral } from './referral.entity';
import type { DeclineReason } from './referral-lifecycle';
import { ReferralsService } from './referrals.service';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A small deterministic generator (mulberry32): the same history on every machine. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Step {
  at: number;
  run: () => Promise<void>;
}

const AREAS = [
  { serviceArea: 'D14', latitude: 41.9031, longitude: -87.6712, street: 'W Division St' },
  { serviceArea: 'D12', latitude: 41.8957, longitude: -87.6722, street: 'W Chicago Ave' },
  { serviceArea: 'D07', latitude: 41.8781, longitude: -87.6298, street: 'S State St' },
];
const DECLINES: DeclineReason[] = ['at_capacity', 'outside_service_area', 'already_served'];

/**
 * Embedded mode only: the demo city's weeks of history (docs/reports.md, "The demo's history") —
 * six weeks of alerts from the police to both partners, acknowledged mostly within the deadline and
 * some late, the outreach program's responses (walks, most within 24 h of the incident),
 * follow-ups done on time, late or not at all, referrals in every state, and community concerns
 * back to the police — so the board's dashboard has trends on first start.
 *
 * Made the way real use makes it: every step through the same service a request would call
 * (sharing, delivery, inbox, referrals, concerns), each with its audit entry appended last in its
 * transaction, at the time it stands for: the steps run in time order inside `inRecordedPast`,
 * which sets the application clock and the audit's recorded time back for this work only
 * (requests meanwhile keep the real time). Deliveries run in their step; this process's in-process
 * job runner is paused meanwhile (JobsWorker.whilePaused), so the job that follows finds them done.
 * Afterwards the audit heads it wrote to (the agreements', the system's) are signed. Idempotent:
 * only when the demo agreement has no referral older than a day. The agreements took effect when
 * the history begins (DemoPartnershipSeeder); the sample alert and referral a newcomer finds are
 * appended at the present before the history, so those entries come earlier in their stream than
 * the past they follow (the chain is ordered by sequence; times are what each records).
 */
@Injectable()
export class DemoHistorySeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoHistory');

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly city: DemoCitySeeder,
    private readonly sample: DemoReferralSeeder,
    private readonly agreements: AgreementsService,
    private readonly sharing: SharingService,
    private readonly delivery: DeliveryService,
    private readonly inbox: InboxService,
    private readonly referrals: ReferralsService,
    private readonly checkpoints: AuditCheckpointService,
    private readonly modules: ModuleRef,
  ) {}

  /** Runs `work` with this process's job runner paused, when this process runs jobs (the API and the worker do). */
  private async withJobsPaused<T>(work: () => Promise<T>): Promise<T> {
    let jobs: JobsWorker;
    try {
      jobs = this.modules.get(JobsWorker, { strict: false });
    } catch {
      return work();
    }
    return jobs.whilePaused(work);
  }

  /** Concerns are sharing's, in a module of its own that this one does not import (it would reorder the routes). */
  private get concerns(): CommunityConcernsService {
    return this.modules.get(CommunityConcernsService, { strict: false });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.isEmbeddedDatabase || this.config.nodeEnv === 'test') return;
    const startedAt = Date.now();
    const steps = await this.seed();
    if (steps > 0)
      this.logger.log({ event: 'demo_history_seeded', steps, days: DEMO_HISTORY_DAYS, ms: Date.now() - startedAt });
  }

  /** Writes the history (once); returns how many steps it took, 0 when there was nothing to do. */
  async seed(nowMs: number = Date.now()): Promise<number> {
    await this.sample.seed();
    const liaison = await this.city.actAs(Role.PoliceLiaison, DEMO_POLICE_DOMAIN);
    const manager = await this.city.actAs(Role.ProgramManager, DEMO_OUTREACH_DOMAIN);
    const outreachId = await this.agreements.agreementBetween(liaison.orgId, manager.orgId, { notTerminated: true });
    if (!outreachId) return 0;
    const begin = demoHistoryStart(nowMs).getTime();
    const old = await this.dataSource
      .getRepository(Referral)
      .existsBy({ agreementId: outreachId, createdAt: LessThan(new Date(nowMs - DAY)) });
    if (old) return 0;
    const worker = await this.city.actAs(Role.OutreachWorker, DEMO_OUTREACH_DOMAIN);
    const hospitalWorker = await this.city.actAs(Role.OutreachWorker, DEMO_HOSPITAL_DOMAIN);
    const workers = new Map([
      [worker.orgId, worker],
      [hospitalWorker.orgId, hospitalWorker],
    ]);
    const hospitalId = await this.agreements.agreementBetween(liaison.orgId, hospitalWorker.orgId, {
      notTerminated: true,
    });

    const steps = this.plan(begin, nowMs - 30 * MINUTE, { liaison, manager, worker, workers, outreachId });
    // Jobs wait meanwhile: each step delivers its alerts itself, at the time it stands for; a delivery job taking one
    // first would deliver it at the real time. They run after, and find those deliveries done.
    await this.withJobsPaused(() =>
      inRecordedPast(new Date(begin), async (moveTo) => {
        for (const step of steps) {
          moveTo(new Date(step.at));
          await step.run();
        }
      }),
    );
    // Signed at once: backdated entries waiting for the periodic checkpoint would look like a deleted one.
    for (const stream of [outreachId, hospitalId].flatMap((id) => (id ? [agreementStream(id)] : [])))
      await this.checkpoints.signHead(stream);
    await this.checkpoints.signHead(SYSTEM_STREAM);
    return steps.length;
  }

  /** Every step of the history, in time order, up to `endMs`. */
  private plan(
    begin: number,
    endMs: number,
    who: {
      liaison: AuthContext;
      manager: AuthContext;
      worker: AuthContext;
      workers: Map<string, AuthContext>;
      outreachId: string;
    },
  ): Step[] {
    const rng = generator(16);
    const between = (lo: number, hi: number) => lo + rng() * (hi - lo);
    const steps: Step[] = [];
    const at = (t: number, run: () => Promise<void>) => steps.push({ at: Math.round(t), run });

    for (let day = 1; day < DEMO_HISTORY_DAYS; day++) {
      const morning = begin + day * DAY;
      const incidents = rng() < 0.5 ? (rng() < 0.1 ? 2 : 1) : 0;
      for (let n = 0; n < incidents; n++) this.planAlert(at, between, rng, morning, who);
      if (rng() < 0.25) this.planReferral(at, between, rng, morning, who);
      if (rng() < 0.12) this.planConcern(at, between, rng, morning, who);
    }
    return steps.filter((s) => s.at <= endMs).sort((a, b) => a.at - b.at);
  }

  private planAlert(
    at: (t: number, run: () => Promise<void>) => void,
    between: (lo: number, hi: number) => number,
    rng: () => number,
    morning: number,
    who: { liaison: AuthContext; worker: AuthContext; workers: Map<string, AuthContext>; outreachId: string },
  ): void {
    const occurred = morning + between(6 * HOUR, 15 * HOUR);
    const shared = occurred + between(15 * MINUTE, 75 * MINUTE);
    const area = AREAS[Math.floor(rng() * AREAS.length)]!;
    const alert: { disclosures: { id: string; orgId: string }[] } = { disclosures: [] };
    at(shared, async () => {
      const incident = await this.sharing.createIncident(who.liaison, {
        type: rng() < 0.9 ? 'shooting' : 'homicide',
        occurredAt: new Date(occurred).toISOString(),
        location: {
          latitude: area.latitude,
          longitude: area.longitude,
          houseNumber: String(1000 + Math.floor(rng() * 800)),
          street: area.street,
          serviceArea: area.serviceArea,
        },
        victims: [{ age: 16 + Math.floor(rng() * 14), fatal: false }],
        retaliationRisk: rng() < 0.4 ? 'high' : 'medium',
        requestedResponse: 'post-incident walk within 24 h',
      });
      const made = await this.sharing.share(who.liaison, incident.id, false);
      alert.disclosures = made.map((d) => ({ id: d.disclosureId, orgId: d.recipientOrgId }));
    });
    at(shared + 5_000, async () => {
      for (const d of alert.disclosures) await this.delivery.deliver({ disclosureId: d.id });
    });
    // Most within the 4 h deadline; about one in seven late.
    const late = rng() < 0.15;
    const acknowledged = shared + (late ? between(4.5 * HOUR, 10 * HOUR) : between(8 * MINUTE, 200 * MINUTE));
    const hospitalAck = shared + between(20 * MINUTE, 6 * HOUR);
    at(acknowledged, async () => {
      const mine = alert.disclosures.find((d) => d.orgId === who.worker.orgId);
      if (mine) await this.inbox.acknowledge(who.worker, mine.id);
    });
    at(hospitalAck, () => this.acknowledgeOthers(alert.disclosures, who));
    if (rng() < 0.15) return;
    // The outreach program's response: mostly a walk, most of them within 24 h of the incident.
    const responded = rng() < 0.9;
    const walk = rng() < 0.65;
    const started = walk
      ? occurred + (rng() < 0.85 ? between(3 * HOUR, 20 * HOUR) : between(26 * HOUR, 40 * HOUR))
      : occurred + between(1 * HOUR, 6 * HOUR);
    const ended = started + (walk ? between(1 * HOUR, 3 * HOUR) : between(30 * MINUTE, 2 * HOUR));
    const due = ended + 3 * DAY;
    const response: RecordResponseDto = responded
      ? {
          responded: true,
          responseTypes: walk ? ['post_incident_walk'] : [rng() < 0.5 ? 'hospital_visit' : 'family_contact'],
          startedAt: new Date(started).toISOString(),
          endedAt: new Date(ended).toISOString(),
          services: rng() < 0.3 ? ['victim_services'] : [],
          followUpDueAt: new Date(due).toISOString(),
        }
      : { responded: false };
    const recordAt = responded ? Math.max(ended, acknowledged) + between(20 * MINUTE, 3 * HOUR) : acknowledged + HOUR;
    const mine = () => alert.disclosures.find((d) => d.orgId === who.worker.orgId);
    at(recordAt, async () => {
      const d = mine();
      if (d) await this.inbox.recordResponse(who.worker, d.id, response);
    });
    if (!responded) return;
    // Follow-ups: most done on time, some late, some not at all.
    const roll = rng();
    if (roll < 0.15) return;
    const done = roll < 0.85 ? due - between(HOUR, 2 * DAY) : due + between(4 * HOUR, 2 * DAY);
    at(Math.max(done, recordAt + MINUTE), async () => {
      const d = mine();
      if (d)
        await this.inbox.recordResponse(who.worker, d.id, {
          ...response,
          followUpDoneAt: new Date(Math.max(done, recordAt + MINUTE)).toISOString(),
        });
    });
  }

  /** The other partners' acknowledgements of an alert (their own outreach worker). */
  private async acknowledgeOthers(
    disclosures: { id: string; orgId: string }[],
    who: { worker: AuthContext; workers: Map<string, AuthContext> },
  ): Promise<void> {
    for (const d of disclosures) {
      const by = who.workers.get(d.orgId);
      if (by && d.orgId !== who.worker.orgId) await this.inbox.acknowledge(by, d.id);
    }
  }

  private planReferral(
    at: (t: number, run: () => Promise<void>) => void,
    between: (lo: number, hi: number) => number,
    rng: () => number,
    morning: number,
    who: { liaison: AuthContext; manager: AuthContext; worker: AuthContext; outreachId: string },
  ): void {
    const sent = morning + between(2 * HOUR, 9 * HOUR);
    const referral: { id?: string; disclosureId?: string } = {};
    const consentDays = rng() < 0.25 ? between(40, 75) : between(120, 300);
    at(sent, async () => {
      const made = await this.referrals.create(who.liaison, {
        agreementId: who.outreachId,
        person: {
          name: `Demo Person ${Math.floor(rng() * 900) + 100}`,
          age: 16 + Math.floor(rng() * 10),
          reason: 'Injured in a shooting; friends are talking about retaliation.',
          riskFactors: ['recent victimization'],
        },
        consent: {
          basis: rng() < 0.5 ? 'verbal' : 'written',
          givenOn: new Date(sent).toISOString().slice(0, 10),
          expiresOn: new Date(sent + consentDays * DAY).toISOString().slice(0, 10),
        },
      });
      referral.id = made.id;
      referral.disclosureId = made.disclosureId;
    });
    at(sent + 5_000, async () => {
      if (referral.disclosureId) await this.delivery.deliver({ disclosureId: referral.disclosureId });
    });
    const step = (t: number, by: AuthContext, to: string, extra: object = {}) =>
      at(t, async () => {
        if (referral.id) await this.referrals.transition(by, referral.id, { to, ...extra } as never);
      });
    let t = sent + between(2 * HOUR, 20 * HOUR);
    if (rng() < 0.15) {
      step(t, who.manager, 'declined', { declineReason: DECLINES[Math.floor(rng() * DECLINES.length)] });
      return;
    }
    step(t, who.manager, 'accepted');
    t += between(30 * MINUTE, 4 * HOUR);
    step(t, who.manager, 'assigned', { assigneeId: who.worker.userId });
    t += between(3 * HOUR, 30 * HOUR);
    step(t, who.worker, 'contact_attempted');
    if (rng() < 0.3) {
      t += between(20 * HOUR, 30 * HOUR);
      step(t, who.worker, 'contact_attempted');
    }
    t += between(1 * DAY, 5 * DAY);
    const roll = rng();
    step(t, who.worker, roll < 0.6 ? 'engaged' : roll < 0.85 ? 'unable_to_reach' : 'refused_services');
    if (rng() < 0.5) step(t + between(7 * DAY, 14 * DAY), who.worker, 'closed');
  }

  private planConcern(
    at: (t: number, run: () => Promise<void>) => void,
    between: (lo: number, hi: number) => number,
    rng: () => number,
    morning: number,
    who: { liaison: AuthContext; manager: AuthContext; outreachId: string },
  ): void {
    const sent = morning + between(3 * HOUR, 12 * HOUR);
    const concern: { id?: string } = {};
    at(sent, async () => {
      const made = await this.concerns.send(who.manager, {
        agreementId: who.outreachId,
        concernType: rng() < 0.6 ? 'rising_tension' : 'retaliation_risk',
        area: AREAS[Math.floor(rng() * AREAS.length)]!.serviceArea,
        occurredAt: new Date(sent - between(1 * HOUR, 6 * HOUR)).toISOString(),
      } as never);
      concern.id = made.disclosureId;
    });
    at(sent + 5_000, async () => {
      if (concern.id) await this.delivery.deliver({ disclosureId: concern.id });
    });
    at(sent + between(1 * HOUR, 20 * HOUR), async () => {
      if (concern.id) await this.inbox.acknowledge(who.liaison, concern.id);
    });
  }
}

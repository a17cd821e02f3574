import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AgreementsService } from '@accord/agreements';
import { inRecordedPast } from '@accord/audit';
import { AppConfig } from '@accord/config';
import {
  Clock,
  DEMO_HOSPITAL_DOMAIN,
  DEMO_OUTREACH_DOMAIN,
  DEMO_POLICE_DOMAIN,
  DemoCitySeeder,
} from '@accord/identity';
import { Role } from '@accord/policy';
import { demoHistoryStart } from './demo-history-window';
import { SharingService } from './sharing.service';
import { DEMO_SERVICE_AREAS } from './service-areas';
import { ServiceAreasService } from './service-areas.service';

/** The demo city's partnerships: police with the outreach program (two-way) and with the hospital program. */
const DEMO_PARTNERSHIPS = [
  {
    partnerDomain: DEMO_OUTREACH_DOMAIN,
    title: 'Riverton shooting response partnership',
    templateKey: 'two-way-referrals-and-status',
  },
  {
    partnerDomain: DEMO_HOSPITAL_DOMAIN,
    title: 'Riverton General bedside intervention',
    templateKey: 'hospital-violence-intervention',
  },
];

/**
 * Embedded mode only: after the demo city's people exist, gives the police department its service
 * areas (DEMO_SERVICE_AREAS: D14, D12, D07) and both sides active agreements — each
 * naming a board member of either side, so both can review its audit trail and report — and one
 * sample shooting notification, so a newcomer who logs in as the outreach worker finds an alert in
 * the inbox. Goes through the same services (and audit) as real use; idempotent across restarts.
 */
@Injectable()
export class DemoPartnershipSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoPartnership');

  constructor(
    private readonly config: AppConfig,
    private readonly city: DemoCitySeeder,
    private readonly agreements: AgreementsService,
    private readonly sharing: SharingService,
    private readonly clock: Clock,
    private readonly areas: ServiceAreasService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.isEmbeddedDatabase || this.config.nodeEnv === 'test') return;
    const created = await this.seed();
    if (created > 0) this.logger.log({ event: 'demo_partnerships_seeded', agreements: created });
  }

  async seed(): Promise<number> {
    await this.city.seed();
    const policeAdmin = await this.city.actAs(Role.OrgAdmin, DEMO_POLICE_DOMAIN);
    // The department's districts, loaded by its admin once: the map the liaison places incidents on.
    if ((await this.areas.list(policeAdmin)).features.length === 0)
      await this.areas.replace(policeAdmin, DEMO_SERVICE_AREAS);
    let created = 0;
    // The agreements took effect when the demo's history begins (DEMO_HISTORY_DAYS ago), so the weeks of alerts and
    // referrals libs/referrals/src/demo-history.ts writes fall under them; recorded at that time, audit included.
    await inRecordedPast(demoHistoryStart(), async () => {
      for (const partnership of DEMO_PARTNERSHIPS) {
        const partnerAdmin = await this.city.actAs(Role.OrgAdmin, partnership.partnerDomain);
        if (await this.agreements.agreementBetween(policeAdmin.orgId, partnerAdmin.orgId)) continue;
        // The board: a board member from each side, who review the trail and reports, never the content.
        const boardMemberIds = [
          (await this.city.actAs(Role.BoardMember, DEMO_POLICE_DOMAIN)).userId,
          (await this.city.actAs(Role.BoardMember, partnership.partnerDomain)).userId,
        ];
        const agreement = await this.agreements.create(policeAdmin, {
          counterpartOrgId: partnerAdmin.orgId,
          title: partnership.title,
          templateKey: partnership.templateKey,
          boardMemberIds,
        });
        const versionId = agreement.versions[0]!.id;
        await this.agreements.propose(policeAdmin, versionId);
        await this.agreements.approve(policeAdmin, versionId);
        await this.agreements.approve(partnerAdmin, versionId);
        created += 1;
      }
    });
    if (created > 0) {
      // Abilities are compiled from the agreements now in force.
      const sender = await this.city.actAs(Role.PoliceLiaison, DEMO_POLICE_DOMAIN);
      const incident = await this.sharing.createIncident(sender, {
        type: 'shooting',
        occurredAt: new Date(this.clock.now().getTime() - 2 * 3600_000).toISOString(),
        location: {
          latitude: 41.8957,
          longitude: -87.6722,
          houseNumber: '1432',
          street: 'W Chicago Ave',
          serviceArea: 'D12',
        },
        victims: [{ age: 19, fatal: false, name: 'Demo Victim' }],
        hospital: 'Riverton General',
        retaliationRisk: 'high',
        narrative: 'Shots fired after a dispute outside a corner store; two groups involved, tension expected tonight.',
        requestedResponse: 'post-incident walk within 24 h',
        caseNumber: 'RV-2026-0001',
      });
      await this.sharing.share(sender, incident.id, true);
    }
    return created;
  }
}

import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgreementsService } from '@accord/agreements';
import { AppConfig } from '@accord/config';
import { DomainException } from '@accord/http';
import { Clock, DEMO_OUTREACH_DOMAIN, DEMO_POLICE_DOMAIN, DemoCitySeeder } from '@accord/identity';
import { Role } from '@accord/policy';
import { DemoPartnershipSeeder } from '@accord/sharing';
import { Referral } from './referral.entity';
import { ReferralsService } from './referrals.service';

/**
 * Embedded mode only: one referral sent by the demo police liaison to the street-outreach program,
 * so the program manager has something to triage (accept, then assign to the worker) on first
 * login. The person is invented. Sent through the referral service like any other (consent,
 * sealing, delivery, audit); only when the demo agreement has no referral yet.
 */
@Injectable()
export class DemoReferralSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoReferral');

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly city: DemoCitySeeder,
    private readonly partnerships: DemoPartnershipSeeder,
    private readonly referrals: ReferralsService,
    private readonly agreements: AgreementsService,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.isEmbeddedDatabase || this.config.nodeEnv === 'test') return;
    try {
      if ((await this.seed()) > 0) this.logger.log({ event: 'demo_referral_seeded' });
    } catch (error) {
      // Someone suspended the demo agreement before its first referral: the demo starts without one.
      if (!(error instanceof DomainException)) throw error;
      this.logger.warn({ event: 'demo_referral_skipped', code: error.code });
    }
  }

  async seed(): Promise<number> {
    await this.partnerships.seed();
    const liaison = await this.city.actAs(Role.PoliceLiaison, DEMO_POLICE_DOMAIN);
    const partner = await this.city.actAs(Role.ProgramManager, DEMO_OUTREACH_DOMAIN);
    const agreementId = await this.agreements.agreementBetween(liaison.orgId, partner.orgId, { notTerminated: true });
    if (!agreementId || (await this.dataSource.getRepository(Referral).existsBy({ agreementId }))) return 0;
    await this.referrals.create(liaison, {
      agreementId,
      person: {
        name: 'Jordan Example',
        contact: '+1 312 555 0142',
        age: 19,
        reason: 'Hospitalized after a shooting last week; friends are talking about retaliation.',
        riskFactors: ['recent victimization', 'retaliation risk'],
      },
      consent: { basis: 'verbal', givenOn: this.clock.now().toISOString().slice(0, 10) },
    });
    return 1;
  }
}

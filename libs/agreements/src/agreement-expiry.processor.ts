import { Injectable, Logger } from '@nestjs/common';
import { JobHandler, JobName } from '@accord/jobs';
import { AgreementsService } from './agreements.service';

/** Scheduled: ends versions past their agreed end date (grants already ignore them). */
@Injectable()
export class AgreementExpiryProcessor {
  private readonly logger = new Logger('AgreementExpiry');

  constructor(private readonly agreements: AgreementsService) {}

  @JobHandler(JobName.AgreementExpiry)
  async run(): Promise<void> {
    const expired = await this.agreements.expireDue();
    if (expired > 0) this.logger.log({ event: 'agreement.expired', count: expired });
  }
}

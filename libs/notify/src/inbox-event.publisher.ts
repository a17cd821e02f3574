import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobHandler, JobName } from '@accord/jobs';
import { AssignmentsService, Disclosure, DisclosureStatus, InboxEntry } from '@accord/sharing';
import { InboxEventBus } from './inbox-event.bus';

/**
 * Runs after a delivery committed (the delivery enqueues this job in its transaction): tells each
 * inbox owner of the disclosure — or, for a referral assignment, the assigned worker alone. A re-run publishes again; that is harmless because clients
 * dedupe by disclosureId, and a stream only ever says "look at your inbox".
 */
@Injectable()
export class InboxEventPublisher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: InboxEventBus,
    private readonly assignments: AssignmentsService,
  ) {}

  @JobHandler(JobName.InboxEvent)
  async publish(payload: { disclosureId: string; assignmentId?: string }): Promise<void> {
    if (payload.assignmentId) {
      // A referral assignment: its worker only, while it is open on a delivered copy.
      const assignment = await this.assignments.openAssignment(payload.assignmentId);
      if (assignment)
        await this.bus.publish(assignment.userId, {
          disclosureId: assignment.disclosureId,
          category: assignment.category,
        });
      return;
    }
    const rows = await this.dataSource
      .createQueryBuilder(InboxEntry, 'e')
      .innerJoin(Disclosure, 'd', 'd.id = e.disclosure_id')
      .select(['e.user_id AS user_id', 'd.category AS category'])
      // A disclosure withheld or purged since delivery is not announced.
      .where('e.disclosure_id = :id AND d.status = :delivered', {
        id: payload.disclosureId,
        delivered: DisclosureStatus.Delivered,
      })
      .getRawMany<{ user_id: string; category: string }>();
    await Promise.all(
      rows.map((row) => this.bus.publish(row.user_id, { disclosureId: payload.disclosureId, category: row.category })),
    );
  }
}

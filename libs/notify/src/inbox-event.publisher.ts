import { Injectable } from '@nestjs/common';
import { JobHandler, JobName } from '@accord/jobs';
import { AssignmentsService, DisclosuresService } from '@accord/sharing';
import { InboxEventBus } from './inbox-event.bus';

/**
 * Runs after a delivery committed (the delivery enqueues this job in its transaction): tells each
 * inbox owner of the disclosure — or, for a referral assignment, the assigned worker alone. A re-run publishes again;
 * that is harmless because clients dedupe by disclosureId, and a stream only ever says "look at your inbox".
 */
@Injectable()
export class InboxEventPublisher {
  constructor(
    private readonly disclosures: DisclosuresService,
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
    // A disclosure withheld or purged since delivery is not announced.
    const audience = await this.disclosures.deliveredAudience(payload.disclosureId);
    if (!audience) return;
    const { category } = audience.disclosure;
    await Promise.all(
      audience.userIds.map((userId) => this.bus.publish(userId, { disclosureId: payload.disclosureId, category })),
    );
  }
}

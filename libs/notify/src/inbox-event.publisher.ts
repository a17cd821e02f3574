import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobHandler, JobName, OutboxService } from '@accord/jobs';
import { AssignmentsService, type Delivered, DeliveryAnnouncements, DisclosuresService } from '@accord/sharing';
import { InboxEventBus } from './inbox-event.bus';

/**
 * Tells each inbox owner of a disclosure — or, for a referral assignment, the assigned worker
 * alone — that it is in their inbox. A delivery announces itself the moment it commits (through
 * DeliveryAnnouncements, in the process that delivered); the `delivery.inbox-event` job is the
 * way for everything else (escalations, assignments) and the delayed fallback of a delivery.
 * A re-run publishes again; that is harmless because clients dedupe by disclosureId, and a stream
 * only ever says "look at your inbox".
 */
@Injectable()
export class InboxEventPublisher implements OnModuleInit {
  constructor(
    private readonly disclosures: DisclosuresService,
    private readonly bus: InboxEventBus,
    private readonly assignments: AssignmentsService,
    private readonly announcements: DeliveryAnnouncements,
    private readonly outbox: OutboxService,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.announcements.listen((delivered) => this.announceDelivery(delivered));
  }

  @JobHandler(JobName.InboxEvent)
  async publish(payload: { disclosureId: string; assignmentId?: string; fallback?: boolean }): Promise<void> {
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
    if (payload.fallback) {
      // The delivery's own announcement went out: nothing left to do.
      if (await this.bus.wasAnnounced(payload.disclosureId)) return;
      const audience = await this.audienceOf(payload.disclosureId);
      if (audience) await this.announceDelivery(audience);
      return;
    }
    const audience = await this.audienceOf(payload.disclosureId);
    if (audience) await this.toUsers(audience);
  }

  /**
   * A delivery's event, once. Its fallback job is then withdrawn while it waits out its delay, so it costs no relay
   * pass, queue trip or run (issue 17: CPU per share). One already claimed — the relay takes it once it is due within
   * RELAY_LOOKAHEAD_MS, so this announcement came over a second late — finds the mark left instead and sends nothing
   * (unless it looked just before the mark was set: then the event goes twice, which clients dedupe by disclosureId).
   */
  private async announceDelivery(delivered: Delivered): Promise<void> {
    await this.toUsers(delivered);
    if (!(await this.outbox.withdraw(this.dataSource.manager, JobName.InboxEvent, delivered.disclosureId)))
      await this.bus.markAnnounced(delivered.disclosureId);
  }

  /** Who holds the disclosure in their inbox now; none when it was withheld or purged since delivery. */
  private async audienceOf(disclosureId: string): Promise<Delivered | null> {
    const audience = await this.disclosures.deliveredAudience(disclosureId);
    return audience && { disclosureId, category: audience.disclosure.category, userIds: audience.userIds };
  }

  private async toUsers({ disclosureId, category, userIds }: Delivered): Promise<void> {
    await Promise.all(userIds.map((userId) => this.bus.publish(userId, { disclosureId, category })));
  }
}

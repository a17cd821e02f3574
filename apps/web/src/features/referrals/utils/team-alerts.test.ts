import { describe, expect, it } from 'vitest';
import { type InboxItem, itemLink, itemsAtAGlance } from './team-alerts';

const NOW = new Date('2026-12-06T15:00:00Z');

function item(id: string, ackDueAt: string | null, acknowledgedAt: string | null = null, extra = {}): InboxItem {
  return {
    disclosureId: id,
    category: 'incident_notification',
    agreementId: 'a1',
    agreementVersion: 1,
    senderOrgId: 'o1',
    revision: 1,
    revisionOf: null,
    receivedAt: '2026-12-06T10:00:00Z',
    readAt: null,
    acknowledgedAt,
    ackDueAt,
    ...extra,
  };
}

describe('itemsAtAGlance', () => {
  it('puts the overdue first (most overdue on top), then the open ones by deadline', () => {
    const { escalated, open } = itemsAtAGlance(
      [
        item('later', '2026-12-06T19:00:00Z'),
        item('overdue-a-little', '2026-12-06T14:30:00Z'),
        item('sooner', '2026-12-06T16:00:00Z'),
        item('overdue-long', '2026-12-06T11:00:00Z'),
      ],
      NOW,
    );
    expect(escalated.map((e) => e.item.disclosureId)).toEqual(['overdue-long', 'overdue-a-little']);
    expect(open.map((e) => e.item.disclosureId)).toEqual(['sooner', 'later']);
  });

  it('leaves out what is acknowledged or has no deadline; a deadline due right now is still open', () => {
    const { escalated, open } = itemsAtAGlance(
      [
        item('done', '2026-12-06T11:00:00Z', '2026-12-06T10:30:00Z'),
        item('no-deadline', null),
        item('now', NOW.toISOString()),
      ],
      NOW,
    );
    expect(escalated).toEqual([]);
    expect(open.map((e) => e.item.disclosureId)).toEqual(['now']);
  });
});

describe('itemLink', () => {
  it('opens a referral copy in triage and an alert in the inbox', () => {
    expect(itemLink(item('d1', null, null, { category: 'referral', referralId: 'r1' }))).toBe('/triage/r1');
    expect(itemLink(item('d2', null))).toBe('/inbox/d2');
  });
});

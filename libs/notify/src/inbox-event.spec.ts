import { inboxChannel, parseInboxEvent, sseComment, sseFrame } from './inbox-event';

const ID = '0b6f7a4e-3c1d-4e2f-9a8b-1c2d3e4f5a6b';

describe('inbox events', () => {
  it('frames an event as one SSE `disclosure` event carrying ids only', () => {
    const frame = sseFrame({ disclosureId: ID, category: 'incident_notification', extra: 'Darnell' } as never);
    expect(frame).toBe(`event: disclosure\ndata: {"disclosureId":"${ID}","category":"incident_notification"}\n\n`);
  });

  it('drops anything on the channel that is not an inbox event', () => {
    expect(parseInboxEvent(JSON.stringify({ disclosureId: ID, category: 'referral' }))).toEqual({
      disclosureId: ID,
      category: 'referral',
    });
    for (const bad of [
      'nope',
      'null',
      '[]',
      JSON.stringify({ disclosureId: 'x', category: 'referral' }),
      JSON.stringify({ disclosureId: ID, category: 'Call 312\n' }),
    ]) {
      expect(parseInboxEvent(bad)).toBeNull();
    }
  });

  it('keeps a comment on one line so it cannot forge an event', () => {
    expect(sseComment('a\n\nevent: x')).toBe(': a  event: x\n\n');
  });

  it('names one channel per user under the key prefix', () => {
    expect(inboxChannel('accord', ID)).toBe(`accord:inbox:${ID}`);
  });
});

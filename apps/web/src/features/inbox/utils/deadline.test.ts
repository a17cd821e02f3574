import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { components } from '@/api/schema';
import { inboxEn, inboxEs } from '../i18n/inbox.strings';
import { byUrgency, deadlineStatus, DUE_SOON_MS, durationParts } from './deadline';
import { deadlineText } from './deadline-text';
import { occurredWindow } from './occurred-at';

type InboxItem = components['schemas']['InboxItemDto'];

const NOW = new Date('2026-12-06T15:00:00.000Z');
const MIN = 60_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs).toISOString();

function translator(language: 'en' | 'es') {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    resources: { en: { inbox: inboxEn }, es: { inbox: inboxEs } },
    ns: ['inbox'],
    defaultNS: 'inbox',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return instance.getFixedT(language, 'inbox');
}
const en = translator('en');
const es = translator('es');
const clock = (d: Date) => d.toISOString().slice(11, 16);
const textAt = (item: Pick<InboxItem, 'ackDueAt' | 'acknowledgedAt'>, t = en) =>
  deadlineText(deadlineStatus(item, NOW), t, clock);

describe('deadlineStatus', () => {
  it('counts down to the deadline and calls the last hour "soon"', () => {
    expect(deadlineStatus({ ackDueAt: at(72 * MIN), acknowledgedAt: null }, NOW)).toEqual({
      kind: 'due',
      remainingMs: 72 * MIN,
      soon: false,
    });
    expect(deadlineStatus({ ackDueAt: at(DUE_SOON_MS - 1), acknowledgedAt: null }, NOW)).toMatchObject({
      kind: 'due',
      soon: true,
    });
  });

  it(
    'is still due at the deadline itself and overdue a ' + 'millisecond after (the server counts ≤ deadline as met)',
    () => {
      expect(deadlineStatus({ ackDueAt: at(0), acknowledgedAt: null }, NOW)).toMatchObject({
        kind: 'due',
        remainingMs: 0,
      });
      expect(deadlineStatus({ ackDueAt: at(-1), acknowledgedAt: null }, NOW)).toEqual({
        kind: 'overdue',
        overdueMs: 1,
      });
    },
  );

  it('says whether an acknowledgement came within or after the deadline, and neither without one', () => {
    expect(deadlineStatus({ ackDueAt: at(0), acknowledgedAt: at(0) }, NOW)).toMatchObject({
      kind: 'acknowledged',
      onTime: true,
    });
    expect(deadlineStatus({ ackDueAt: at(0), acknowledgedAt: at(1) }, NOW)).toMatchObject({
      kind: 'acknowledged',
      onTime: false,
    });
    expect(deadlineStatus({ ackDueAt: null, acknowledgedAt: at(-5 * MIN) }, NOW)).toMatchObject({
      kind: 'acknowledged',
      onTime: null,
    });
    expect(deadlineStatus({ ackDueAt: null, acknowledgedAt: null }, NOW)).toEqual({ kind: 'none' });
  });
});

describe('durationParts', () => {
  it('rounds time left up, so a running minute never reads as none', () => {
    expect(durationParts(71 * MIN + 1, 'up')).toEqual([
      ['hours', 1],
      ['minutes', 12],
    ]);
    expect(durationParts(1, 'up')).toEqual([['minutes', 1]]);
    expect(durationParts(0, 'up')).toEqual([]);
  });

  it('rounds time past down', () => {
    expect(durationParts(MIN - 1, 'down')).toEqual([]);
    expect(durationParts(5 * MIN + 59_999, 'down')).toEqual([['minutes', 5]]);
  });

  it('says whole hours without "0 min", and days with hours only', () => {
    expect(durationParts(120 * MIN, 'up')).toEqual([['hours', 2]]);
    expect(durationParts((27 * 60 + 59) * MIN, 'down')).toEqual([
      ['days', 1],
      ['hours', 3],
    ]);
    expect(durationParts(48 * 60 * MIN, 'up')).toEqual([['days', 2]]);
  });
});

describe('deadlineText', () => {
  it('reads "Due in 1 h 12 min" while running', () => {
    expect(textAt({ ackDueAt: at(72 * MIN), acknowledgedAt: null })).toBe('Due in 1 h 12 min');
    expect(textAt({ ackDueAt: at(30_000), acknowledgedAt: null })).toBe('Due in 1 min');
    expect(textAt({ ackDueAt: at(0), acknowledgedAt: null })).toBe('Due in less than a minute');
  });

  it('marks an overdue item in words', () => {
    expect(textAt({ ackDueAt: at(-5 * MIN - 10_000), acknowledgedAt: null })).toBe('Overdue by 5 min');
    expect(textAt({ ackDueAt: at(-10_000), acknowledgedAt: null })).toBe('Overdue by less than a minute');
    expect(textAt({ ackDueAt: at(-26 * 60 * MIN), acknowledgedAt: null })).toBe('Overdue by 1 d 2 h');
  });

  it('says when it was acknowledged and whether that was within the deadline', () => {
    expect(textAt({ ackDueAt: at(60 * MIN), acknowledgedAt: at(-MIN) })).toBe(
      'Acknowledged at 14:59 — within the deadline',
    );
    expect(textAt({ ackDueAt: at(-60 * MIN), acknowledgedAt: at(-MIN) })).toBe(
      'Acknowledged at 14:59 — after the deadline',
    );
    expect(textAt({ ackDueAt: null, acknowledgedAt: at(-MIN) })).toBe('Acknowledged at 14:59');
    expect(textAt({ ackDueAt: null, acknowledgedAt: null })).toBe('No acknowledgement deadline');
  });

  it('speaks Spanish', () => {
    expect(textAt({ ackDueAt: at(72 * MIN), acknowledgedAt: null }, es)).toBe('Vence en 1 h 12 min');
    expect(textAt({ ackDueAt: at(-5 * MIN), acknowledgedAt: null }, es)).toBe('Vencida hace 5 min');
    expect(textAt({ ackDueAt: at(60 * MIN), acknowledgedAt: at(-MIN) }, es)).toBe(
      'Confirmada a las 14:59, dentro del plazo',
    );
  });
});

describe('byUrgency', () => {
  const item = (id: string, fields: Partial<InboxItem>): InboxItem => ({
    disclosureId: id,
    category: 'incident_notification',
    agreementId: 'a',
    agreementVersion: 1,
    senderOrgId: 's',
    revision: 1,
    revisionOf: null,
    receivedAt: at(0),
    readAt: null,
    acknowledgedAt: null,
    ackDueAt: null,
    ...fields,
  });

  it(
    'puts waiting items first, the earliest deadline on top, those without one after, acknowledged last (newest ' +
      'first)',
    () => {
      const items = [
        item('acknowledged-old', { acknowledgedAt: at(-60 * MIN), receivedAt: at(-120 * MIN), ackDueAt: at(60 * MIN) }),
        item('no-deadline-new', { receivedAt: at(-MIN) }),
        item('due-later', { ackDueAt: at(240 * MIN) }),
        item('acknowledged-new', { acknowledgedAt: at(-MIN), receivedAt: at(-10 * MIN) }),
        item('overdue', { ackDueAt: at(-5 * MIN) }),
        item('no-deadline-old', { receivedAt: at(-90 * MIN) }),
        item('due-soon', { ackDueAt: at(20 * MIN) }),
      ];
      expect(items.sort(byUrgency).map((i) => i.disclosureId)).toEqual([
        'overdue',
        'due-soon',
        'due-later',
        'no-deadline-new',
        'no-deadline-old',
        'acknowledged-new',
        'acknowledged-old',
      ]);
    },
  );
});

describe('occurredWindow', () => {
  it('keeps an exact time exact', () => {
    expect(occurredWindow('2026-11-23T01:47:13.000Z')).toEqual({
      start: new Date('2026-11-23T01:47:13.000Z'),
      end: null,
    });
  });

  it('reads a time cut to the hour as that hour', () => {
    expect(occurredWindow('2026-11-23T01:00:00.000Z')).toEqual({
      start: new Date('2026-11-23T01:00:00.000Z'),
      end: new Date('2026-11-23T02:00:00.000Z'),
    });
  });

  it('reads a UTC midnight as that UTC day', () => {
    expect(occurredWindow('2026-11-23T00:00:00.000Z')).toEqual({
      start: new Date('2026-11-23T00:00:00.000Z'),
      end: new Date('2026-11-24T00:00:00.000Z'),
    });
  });

  it('shows nothing for a time it cannot read', () => {
    expect(occurredWindow('yesterday-ish')).toBeNull();
  });
});

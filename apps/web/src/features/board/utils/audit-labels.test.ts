import { describe, expect, it } from 'vitest';
import { boardEn, boardEs } from '../i18n/board.strings';
import {
  actionKey,
  actorOf,
  alertTargetHours,
  deadlineOf,
  hoursAndMinutes,
  LABELLED_ACTIONS,
  partyName,
} from './audit-labels';

const parties = { policeOrgId: 'p-1', partnerOrgId: 'q-2' };

describe('audit entries in words', () => {
  it('names the party that acted, never a person: police, partner, Accord itself, or another organization', () => {
    expect(actorOf('p-1', parties)).toBe('police');
    expect(actorOf('q-2', parties)).toBe('partner');
    expect(actorOf(null, parties)).toBe('system');
    expect(actorOf('x-3', parties)).toBe('other');
  });

  it('names either party by the name the agreement gives it, and nobody else', () => {
    const named = { ...parties, policeOrgName: 'Eastside Police Department', partnerOrgName: 'Safe Streets' };
    expect(partyName('p-1', named)).toBe('Eastside Police Department');
    expect(partyName('q-2', named)).toBe('Safe Streets');
    expect(partyName(null, named)).toBeNull();
    expect(partyName('x-3', named)).toBeNull();
    expect(partyName('q-2', { ...named, partnerOrgName: '' })).toBeNull();
  });

  it('has an English and a Spanish sentence and filter name for every labelled action', () => {
    for (const action of LABELLED_ACTIONS) {
      const key = actionKey(action)!;
      expect(boardEn.action[key]).toBeTruthy();
      expect(boardEs.action[key]).toBeTruthy();
      expect(boardEn.actionName[key]).toBeTruthy();
      expect(boardEs.actionName[key]).toBeTruthy();
    }
    expect(actionKey('disclosure.response.record')).toBe('disclosure_response_record');
    expect(actionKey('something.new')).toBeNull();
  });

  it('says whether an acknowledgement met the deadline, from the details the agreement released', () => {
    expect(deadlineOf('disclosure.acknowledge', { slaMet: true, secondsToAcknowledge: 600 }, 2)).toEqual({
      key: 'within',
      hours: 2,
    });
    expect(deadlineOf('disclosure.acknowledge', { slaMet: false }, null)).toEqual({ key: 'late', hours: null });
    // Nothing released (a commitment only), or not an acknowledgement: no claim either way.
    expect(deadlineOf('disclosure.acknowledge', {}, 2)).toBeNull();
    expect(deadlineOf('disclosure.acknowledge', undefined, 2)).toBeNull();
    expect(deadlineOf('disclosure.read', { slaMet: true }, 2)).toBeNull();
  });

  it('reads the alert deadline of a version from its police → partner incident-notification flow', () => {
    const flows = [
      { category: 'community_concern', from: 'partner', acknowledgeWithinHours: 48 },
      { category: 'incident_notification', from: 'police', acknowledgeWithinHours: 2 },
    ];
    expect(alertTargetHours({ flows })).toBe(2);
    expect(alertTargetHours({ flows: [flows[0]] })).toBeNull();
    expect(alertTargetHours(undefined)).toBeNull();
  });

  it('writes durations in hours and minutes', () => {
    expect(hoursAndMinutes(30)).toEqual({ key: 'underMinute', h: 0, m: 0 });
    expect(hoursAndMinutes(45 * 60)).toEqual({ key: 'minutes', h: 0, m: 45 });
    expect(hoursAndMinutes(7200)).toEqual({ key: 'hours', h: 2, m: 0 });
    expect(hoursAndMinutes(5400 + 20)).toEqual({ key: 'hoursMinutes', h: 1, m: 30 });
  });
});

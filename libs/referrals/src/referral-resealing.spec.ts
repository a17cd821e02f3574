import { randomBytes } from 'node:crypto';
import { SecretBox } from '@accord/identity';
import { openPerson, referralContext, sealPerson } from './referral-sealing';
import { Referral } from './referral.entity';
import { resealReferral } from './referral-resealing';
import { assignSealed, personIndexOf, sealedOf } from './referrals.service';

describe('resealReferral', () => {
  const oldKey = { id: 'k-old', key: randomBytes(32) };
  const newKey = { id: 'k-new', key: randomBytes(32) };
  const person = { name: 'Jalen Brooks', dateOfBirth: '2008-01-01', reason: 'Recent victimization' };

  function sealedReferral(box: SecretBox): Referral {
    const r = Object.assign(new Referral(), { id: 'r1', keyId: box.keyId });
    assignSealed(
      r,
      sealPerson(box, person, (f) => referralContext(r.id, f)),
    );
    r.personIndex = personIndexOf(box, person.name, person.dateOfBirth);
    return r;
  }

  it('reseals every personal field under the current key, still bound to its referral and field', () => {
    const r = sealedReferral(new SecretBox([oldKey]));
    resealReferral(new SecretBox([newKey, oldKey]), r);
    const newOnly = new SecretBox([newKey]);
    expect(r.keyId).toBe('k-new');
    expect(Object.values(sealedOf(r)).every((v) => v.startsWith('v1.k-new.'))).toBe(true);
    expect(openPerson(newOnly, sealedOf(r), (f) => referralContext('r1', f))).toEqual(person);
    expect(() => openPerson(newOnly, sealedOf(r), (f) => referralContext('r2', f))).toThrow();
  });

  it('keys the blind index anew, so the same person still matches a referral made after the rotation', () => {
    const r = sealedReferral(new SecretBox([oldKey]));
    const before = r.personIndex;
    const after = new SecretBox([newKey, oldKey]);
    resealReferral(after, r);
    expect(r.personIndex).not.toBe(before);
    expect(r.personIndex).toBe(sealedReferral(after).personIndex);
  });
});

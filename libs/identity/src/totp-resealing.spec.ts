import { randomBytes } from 'node:crypto';
import { totpContext } from './auth.service';
import { SecretBox } from './secret-box';
import { resealedTotpSeeds } from './totp-resealing';

describe('resealedTotpSeeds', () => {
  const oldKey = { id: 'k-old', key: randomBytes(32) };
  const newKey = { id: 'k-new', key: randomBytes(32) };
  const before = new SecretBox([oldKey]);
  const after = new SecretBox([newKey, oldKey]);

  it('reseals both the enrolled and the pending seed under the current key, still bound to the user', () => {
    const user = {
      id: 'u1',
      totpSecret: before.seal('JBSWY3DPEHPK3PXP', totpContext('u1')),
      totpPendingSecret: before.seal('KRSXG5CTMVRXEZLU', totpContext('u1')),
    };
    const resealed = resealedTotpSeeds(after, user);
    const newOnly = new SecretBox([newKey]);
    expect(newOnly.open(resealed.totpSecret!, totpContext('u1'))).toBe('JBSWY3DPEHPK3PXP');
    expect(newOnly.open(resealed.totpPendingSecret!, totpContext('u1'))).toBe('KRSXG5CTMVRXEZLU');
    expect(() => newOnly.open(resealed.totpSecret!, totpContext('u2'))).toThrow();
  });

  it('leaves an absent seed absent and a seed already under the current key as it is', () => {
    const current = after.seal('JBSWY3DPEHPK3PXP', totpContext('u1'));
    expect(resealedTotpSeeds(after, { id: 'u1', totpSecret: current, totpPendingSecret: null })).toEqual({
      totpSecret: current,
      totpPendingSecret: null,
    });
  });
});

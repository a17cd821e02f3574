import { randomBytes } from 'node:crypto';
import { SecretBox } from '@accord/identity';
import { resealedPayload } from './sharing-resealing';

describe('resealedPayload', () => {
  const oldKey = { id: 'k-old', key: randomBytes(32) };
  const newKey = { id: 'k-new', key: randomBytes(32) };
  const context = (field: string) => `disclosure:d1:${field}`;

  it('reseals every sealed field under the current key and names it, keeping the rest of the payload', () => {
    const before = new SecretBox([oldKey]);
    const payload = {
      referralId: 'r1',
      released: ['name', 'contact'],
      sealed: {
        name: before.seal('Jalen Brooks', context('name')),
        contact: before.seal('312-555-0100', context('contact')),
      },
      keyId: 'k-old',
    };
    const resealed = resealedPayload(new SecretBox([newKey, oldKey]), payload, context)!;
    expect(resealed).toMatchObject({ referralId: 'r1', released: ['name', 'contact'], keyId: 'k-new' });
    const sealed = resealed.sealed as Record<string, string>;
    const newOnly = new SecretBox([newKey]);
    expect(newOnly.open(sealed.name!, context('name'))).toBe('Jalen Brooks');
    expect(newOnly.open(sealed.contact!, context('contact'))).toBe('312-555-0100');
  });

  it('has nothing to write for a purged payload or one that seals nothing', () => {
    const box = new SecretBox([newKey]);
    expect(resealedPayload(box, null, context)).toBeNull();
    expect(resealedPayload(box, { incidentId: 'i1', narrative: 'generalized' }, context)).toBeNull();
  });
});

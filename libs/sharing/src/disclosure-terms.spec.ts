import { disclosureTerms } from './disclosure-terms';

const at = new Date('2026-03-01T10:00:00.000Z');

describe('disclosureTerms', () => {
  it('expires the flow’s retention days after the share', () => {
    expect(disclosureTerms({ retentionDays: 30 }, at).expiresAt).toEqual(new Date('2026-03-31T10:00:00.000Z'));
  });

  it('is due the flow’s acknowledgement hours after the share', () => {
    expect(disclosureTerms({ retentionDays: 1, acknowledgeWithinHours: 4 }, at).ackDueAt).toEqual(
      new Date('2026-03-01T14:00:00.000Z'),
    );
  });

  it('has no deadline when the flow asks for no acknowledgement', () => {
    expect(disclosureTerms({ retentionDays: 1 }, at).ackDueAt).toBeNull();
  });

  it('has no deadline when the disclosure asks no one to act (status back), whatever the flow says', () => {
    expect(disclosureTerms({ retentionDays: 1, acknowledgeWithinHours: 4 }, at, false).ackDueAt).toBeNull();
  });

  it('ends a revision no later than the disclosure it corrects, never later than its own retention', () => {
    const corrected = new Date('2026-03-05T10:00:00.000Z');
    expect(disclosureTerms({ retentionDays: 30 }, at, true, corrected).expiresAt).toEqual(corrected);
    expect(disclosureTerms({ retentionDays: 1 }, at, true, corrected).expiresAt).toEqual(
      new Date('2026-03-02T10:00:00.000Z'),
    );
  });
});

import type { AuditBundle } from './bundle-verifier';
import type { ReleasedDetails } from './audit-labels';

/**
 * What a verified bundle lets this board read of each entry's details, by seq: its own organization's entries
 * whole, the other party's only the values the agreement releases (each `{ value, salt }`; a `{ commitment }`
 * stays unread). The audit search answers no details; this is how an acknowledgement shows its deadline.
 */
export function releasedDetailsBySeq(bundle: AuditBundle): Map<number, ReleasedDetails> {
  const bySeq = new Map<number, ReleasedDetails>();
  for (const entry of bundle.entries) {
    if ('withheld' in entry || entry.details === null) continue;
    const details: ReleasedDetails = {};
    for (const [key, value] of Object.entries(entry.details)) {
      if (entry.format !== 2) details[key] = value as ReleasedDetails[string];
      else if (value !== null && typeof value === 'object' && 'value' in value) details[key] = value.value;
    }
    bySeq.set(entry.seq, details);
  }
  return bySeq;
}

import {
  type AuditChainEntry,
  type AuditDetailValue,
  canonicalDetails,
  type Commitments,
  commitment,
  commitmentsOf,
  committedContentFields,
  detailField,
  ENTRY_FORMAT_V2,
  entryHash,
  fieldSalt,
  HASH_PATTERN,
  PRIVATE_FIELDS,
  type PrivateField,
  sha256Hex,
} from './audit-chain';

/**
 * Entries as a bundle carries them for ONE party (issue 13): whatever of the other party the
 * agreement does not release is there only as a commitment, and the bundle still verifies offline
 * because the format-2 hash covers commitments, not values (see audit-chain.ts).
 *
 *  - A format-2 entry is SEALED: each private field (actorUserId, requestId, sourceIp, each detail
 *    value) is `{ value, salt }` when this party may read it, `{ commitment }` when not.
 *  - A format-1 entry (written before format 2) hashes its values directly, so it can only be
 *    shown whole or not at all: when anything in it is private to this party it is WITHHELD —
 *    only its id, seq and links remain. The chain still verifies through it (the next entry
 *    commits to its hash, and checkpoints sign past it); what it said cannot be read.
 *  - Everything else of an entry (time, organization, roles, action, subject, version, outcome,
 *    reason code, field names) is shown to both parties, as in the board's search.
 */
export type Sealed<T> = { value: T; salt: string } | { commitment: string };

/** A format-2 entry as a bundle carries it: the public fields as stored, the private ones sealed. */
export type SealedChainEntry = Omit<AuditChainEntry, PrivateField | 'details' | 'format' | 'commitKey'> & {
  format: 2;
  actorUserId: Sealed<string> | null;
  requestId: Sealed<string> | null;
  sourceIp: Sealed<string> | null;
  details: Record<string, Sealed<AuditDetailValue>> | null;
};

export interface WithheldChainEntry {
  format: 1;
  withheld: true;
  id: string;
  stream: string;
  seq: number;
  prevHash: string;
  hash: string;
}

/** A format-1 entry shown whole (nothing in it is private to the reader). */
export type PlainChainEntry = Omit<AuditChainEntry, 'format' | 'commitKey'> & { format?: 1 };

export type BundleEntry = PlainChainEntry | SealedChainEntry | WithheldChainEntry;

/** Anything the verifier can take: stored entries (full, with their commit keys) or a bundle's. */
export type VerifiableEntry = AuditChainEntry | BundleEntry;

export function isWithheld(entry: VerifiableEntry): entry is WithheldChainEntry {
  return (entry as Partial<WithheldChainEntry>).withheld === true;
}

/** A bundle's format-2 entry (no commit key: its private fields are sealed values or commitments). */
export function isSealed(entry: VerifiableEntry): entry is SealedChainEntry {
  return entry.format === 2 && !('commitKey' in entry);
}

function commitmentOfSealed(sealed: Sealed<AuditDetailValue>): string {
  if ('commitment' in sealed)
    return typeof sealed.commitment === 'string' && HASH_PATTERN.test(sealed.commitment) ? sealed.commitment : '';
  // A salt of any other shape would make the text ambiguous: it cannot be one the server made.
  return typeof sealed.salt === 'string' && HASH_PATTERN.test(sealed.salt) ? commitment(sealed.salt, sealed.value) : '';
}

function sealedCommitments(entry: SealedChainEntry): Commitments {
  const top = (field: PrivateField) => (entry[field] === null ? null : commitmentOfSealed(entry[field]));
  const details =
    entry.details === null
      ? null
      : Object.keys(entry.details)
          .sort()
          .map((key): [string, string] => [key, commitmentOfSealed(entry.details![key]!)]);
  return { actorUserId: top('actorUserId'), requestId: top('requestId'), sourceIp: top('sourceIp'), details };
}

/**
 * The hash an entry's content gives at `seq` (a verifier tries other seqs when rows traded places).
 * A withheld entry's content is not there: its stored hash is taken at its own seq, nothing at another.
 */
export function hashAtSeq(entry: VerifiableEntry, seq: number): string {
  if (isWithheld(entry)) return seq === entry.seq && HASH_PATTERN.test(entry.hash) ? entry.hash : '';
  if (isSealed(entry)) {
    return sha256Hex(
      JSON.stringify([
        ENTRY_FORMAT_V2,
        entry.stream,
        seq,
        entry.prevHash,
        ...committedContentFields(entry, sealedCommitments(entry)),
      ]),
    );
  }
  try {
    return entryHash({ ...(entry as AuditChainEntry), seq });
  } catch {
    return ''; // a format-2 entry without a usable commit key cannot be the hashed content
  }
}

export function verifiableHash(entry: VerifiableEntry): string {
  return hashAtSeq(entry, entry.seq);
}

/** Which private fields of an entry one reader may see (by commitment name: `actorUserId`, `details.<key>`…). */
export type RevealRule = (field: string) => boolean;

/** A stored entry as `reveal` lets one reader see it (see the module comment). */
export function sealEntry(entry: AuditChainEntry, reveal: RevealRule): BundleEntry {
  const { format, commitKey, ...plain } = entry;
  if (format !== 2) {
    const hidden =
      PRIVATE_FIELDS.some((f) => entry[f] !== null && !reveal(f)) ||
      Object.keys(entry.details ?? {}).some((key) => !reveal(detailField(key)));
    if (!hidden) return { ...plain, format: 1 };
    return {
      format: 1,
      withheld: true,
      id: entry.id,
      stream: entry.stream,
      seq: entry.seq,
      prevHash: entry.prevHash,
      hash: entry.hash,
    };
  }
  const key = commitKey ?? '';
  const committed = commitmentsOf(entry, key);
  const seal = <T extends AuditDetailValue>(field: string, value: T, given: string): Sealed<T> =>
    reveal(field) ? { value, salt: fieldSalt(key, field) } : { commitment: given };
  const top = (field: PrivateField): Sealed<string> | null =>
    entry[field] === null ? null : seal(field, entry[field], committed[field]!);
  const details: Record<string, Sealed<AuditDetailValue>> | null = entry.details === null ? null : {};
  for (const [index, [detailKey, value]] of (canonicalDetails(entry.details) ?? []).entries()) {
    details![detailKey] = seal(detailField(detailKey), value, committed.details![index]![1]);
  }
  return {
    ...plain,
    format: 2,
    actorUserId: top('actorUserId'),
    requestId: top('requestId'),
    sourceIp: top('sourceIp'),
    details,
  };
}

/**
 * Whom a bundle is made for, and what the agreement releases to them of entries that are not
 * their own organization's: `releasedDetails(entry)` names the detail keys they may read (user ids,
 * request ids and addresses of another organization are never released).
 */
export interface BundleAudience {
  orgId: string;
  releasedDetails(entry: AuditChainEntry): readonly string[];
}

export function revealRuleFor(audience: BundleAudience, entry: AuditChainEntry): RevealRule {
  if (entry.actorOrgId !== null && entry.actorOrgId === audience.orgId) return () => true;
  const released = new Set(audience.releasedDetails(entry).map(detailField));
  return (field) => released.has(field);
}

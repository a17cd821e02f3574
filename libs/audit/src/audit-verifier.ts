import { genesisHash } from './audit-chain';
import { hashAtSeq, isWithheld, type VerifiableEntry, verifiableHash } from './audit-sealing';
import { verifyCheckpointSignature, type AuditCheckpoint, type AuditPublicKeys } from './audit-signing-key';
import { ChainVerifier as NeutralChainVerifier } from './bundle-verification';

import type { ChainReport } from './bundle-verification';

export type { ChainProblem, ChainReport, TamperKind } from './bundle-verification';

/**
 * Node's side of the chain verifier. The rules — the fast pass, the seven single tamperings tried in
 * order, checkpoints, pins — live in ONE place, bundle-verification.ts (platform-neutral, also what
 * the board's page runs); see its ChainVerifier. Here the database reader and `verifyChain` get
 * Node's synchronous hashing: `push` hashes the entry on the spot, and checkpoint signatures are
 * checked as the verifier is made.
 */
export interface VerifyOptions {
  stream: string;
  checkpoints?: Iterable<AuditCheckpoint>;
  publicKeys?: AuditPublicKeys;
  /**
   * Start after a trusted point (e.g. a checkpoint whose signature was checked) instead of the
   * genesis: the first entry must then have seq `anchor.seq + 1` and link to `anchor.hash`.
   */
  anchor?: { seq: number; hash: string };
  /** Hashes known from elsewhere (a previous bundle): the chain must still hold exactly these. */
  pinned?: Iterable<{ seq: number; hash: string }>;
  /** Entries no checkpoint covers may be at most `maxUnsignedMs` old at `nowMs`. */
  freshness?: { nowMs: number; maxUnsignedMs: number };
  /** Every entry must be covered by a checkpoint (a bundle: the server signs its head at export). */
  signedHeadRequired?: boolean;
  onProgress?: (entriesRead: number) => void;
}

export class ChainVerifier extends NeutralChainVerifier<VerifiableEntry> {
  private readonly ownStream: string;

  constructor(options: VerifyOptions) {
    const keys = options.publicKeys ?? new Map();
    super({
      ...options,
      genesis: options.anchor?.hash ?? genesisHash(options.stream),
      checkpointValid: (checkpoint) => verifyCheckpointSignature(checkpoint, keys),
      rehash: (entry, seq) => Promise.resolve(hashAtSeq(entry, seq)),
    });
    this.ownStream = options.stream;
  }

  push(entry: VerifiableEntry): void {
    const valid = entry.stream === this.ownStream && verifiableHash(entry) === entry.hash;
    this.pushChecked(
      entry.id,
      entry.seq,
      entry.prevHash,
      entry.hash,
      valid,
      isWithheld(entry) ? NaN : entry.occurredAtMs,
      entry,
      asEntry,
    );
  }

  pushBatch(entries: readonly VerifiableEntry[]): void {
    for (const entry of entries) this.push(entry);
    this.reportProgress();
  }
}

const asEntry = (entry: VerifiableEntry): VerifiableEntry => entry;

type EntrySource =
  AsyncIterable<VerifiableEntry | readonly VerifiableEntry[]> | Iterable<VerifiableEntry | readonly VerifiableEntry[]>;

/** Verifies entries (or batches of entries) in stored order; see ChainVerifier for the rules. */
export async function verifyChain(entries: EntrySource, options: VerifyOptions): Promise<ChainReport> {
  const verifier = new ChainVerifier(options);
  for await (const item of entries) {
    if (Array.isArray(item)) verifier.pushBatch(item as readonly VerifiableEntry[]);
    else verifier.push(item as VerifiableEntry);
  }
  return verifier.finish();
}

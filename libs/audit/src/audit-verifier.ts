import { entryHash, genesisHash, HASH_PATTERN, type AuditChainEntry } from './audit-chain';
import { verifyCheckpointSignature, type AuditCheckpoint, type AuditPublicKeys } from './audit-signing-key';

/**
 * Verifies one stream's chain: entries in stored order (the database's seq order, or a bundle's
 * array order) plus the stream's signed checkpoints. Returns `ok`, or the first bad entry and the
 * kind of tampering.
 *
 * HOW IT WORKS. A fast streaming pass checks each entry: its stored hash equals the hash of its
 * content, it belongs to the stream, its seq is the next one, and its prev hash is the previous
 * entry's hash. Nothing but a fingerprint per entry is kept, so millions of entries stream
 * through. At the first entry that fails (position p, where seq s = p + 1 was expected), the
 * rest of the stream is recorded compactly and the verifier DIAGNOSES: it tries, in this fixed
 * order, the single tampering that would explain what it sees, undoes it in its head, and accepts
 * the first one after which the whole rest of the chain — links, seqs, hashes and every validly
 * signed checkpoint — is consistent again:
 *
 *  1. `modified` the entry BEFORE p, its hash recomputed (it passed the fast pass, but p's prev
 *     hash still holds its original hash; p is the right seq and intact).
 *  2. `modified` the entry AT p (its content, hash, prev hash or seq changed, with or without its
 *     hash recomputed): it still claims seq s or still links to the previous entry, and the chain
 *     resumes with seq s + 1 right after it.
 *  3. `deleted`: p holds an intact entry with seq s + k (k ≥ 1) and the chain resumes from it;
 *     seqs s … s + k − 1 are missing. Named: seq s, at position p.
 *  4. `reordered`: the entry belonging at p (seq s, linking to the previous entry) sits later and
 *     swapping it with p's entry, or moving it to p, or moving p's entry to where its own seq
 *     belongs, repairs the chain. Named: the misplaced entry found at p.
 *  5. `inserted` / `duplicated`: dropping p's entry repairs the chain. It is `duplicated` when it
 *     has the seq and hash of a genuine entry of the chain (a replayed copy), else `inserted` (a
 *     forged entry). Named: the extra entry at p.
 *  6. `inserted`: the entry before p is a forged entry that links correctly (it claims the same
 *     seq as p's entry), and dropping it repairs the chain. Named: that forged entry.
 *  7. `reordered` in the database: two rows swapped their seq values (the only way to reorder
 *     rows that are read in seq order). Each row's hash matches its content under the other's
 *     seq. Named: the row at p.
 *
 * Without any break in the fast pass, checkpoints decide: a validly signed checkpoint whose seq is
 * beyond the last entry means `truncated` (named: the first missing seq); one whose hash differs
 * from the entry at its seq means `checkpoint_mismatch` — the chain was rewritten and its hashes
 * recomputed up to there (or the last entry was modified and recomputed), which only a signature
 * can reveal. A checkpoint whose signature does not verify with a known key is `bad_signature`
 * (reported when the chain itself is intact) and is never trusted.
 *
 * LIMITS. These rules make the kind unambiguous for any single tampering except at an unsigned
 * tail, where some tamperings look alike: a forged entry appended after the last entry with a
 * correct link cannot be detected at all by a keyless chain; deleting entries after the latest
 * checkpoint cannot be detected either; and a forged entry placed just before the last entry, when
 * no checkpoint covers it, is detected but the genuine last entry may be named instead. Against
 * the schema owner, checkpoints kept in the same database can be deleted too: boards should keep
 * their own copies. With several tamperings the first break is still found and named; the kind is
 * then a best guess and `explained` is false.
 */
export type TamperKind = 'modified' | 'deleted' | 'inserted' | 'reordered' | 'duplicated' | 'truncated' | 'checkpoint_mismatch' | 'bad_signature';

export interface ChainProblem {
  kind: TamperKind;
  /** Seq of the entry named: the entry found there, the first missing one, or the checkpoint's. */
  seq: number;
  /** 1-based position in stored order of the named entry (where it is, or should be); null for a checkpoint's signature. */
  position: number | null;
  /** Id of the entry found at that position, when there is one. */
  entryId: string | null;
  /** False when no single tampering explains what was found (several changes): the kind is then a best guess. */
  explained: boolean;
  message: string;
}

export interface ChainReport {
  stream: string;
  ok: boolean;
  /** Entries read. */
  entries: number;
  /** Seq and hash of the last entry of an intact chain (the anchor's when there are none). */
  headSeq: number;
  headHash: string;
  checkpointsVerified: number;
  latestCheckpointSeq: number | null;
  problem: ChainProblem | null;
}

export interface VerifyOptions {
  stream: string;
  checkpoints?: Iterable<AuditCheckpoint>;
  publicKeys?: AuditPublicKeys;
  /**
   * Start after a trusted point (e.g. a checkpoint whose signature was checked) instead of the
   * genesis: the first entry must then have seq `anchor.seq + 1` and link to `anchor.hash`.
   */
  anchor?: { seq: number; hash: string };
  onProgress?: (entriesRead: number) => void;
}

/** 104-bit fingerprint of a hex hash as two exact doubles; NaN (equal to nothing) if malformed. */
function fpHi(hash: string): number {
  return HASH_PATTERN.test(hash) ? parseInt(hash.slice(0, 13), 16) : NaN;
}
function fpLo(hash: string): number {
  return HASH_PATTERN.test(hash) ? parseInt(hash.slice(13, 26), 16) : NaN;
}

/** A virtual entry used while testing a hypothesis (a repaired or unknown entry). */
interface VirtualItem {
  seq: number;
  hHi: number;
  hLo: number;
  pHi: number;
  pLo: number;
  valid: boolean;
  /** Whether its prev hash must equal the previous item's hash. */
  checkLink: boolean;
}
/** A slot of a hypothesis: an index into the recorded remainder, or a virtual item. */
type Slot = number | VirtualItem;

interface Diagnosis {
  kind: TamperKind;
  index: number;
  seq: number;
  entryId: string | null;
  explained: boolean;
  detail: string;
}

class GrowableFloat64 {
  data = new Float64Array(1024);
  push(index: number, value: number): void {
    if (index >= this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[index] = value;
  }
}

class Remainder {
  length = 0;
  seq = new GrowableFloat64();
  valid = new GrowableFloat64();
  hHi = new GrowableFloat64();
  hLo = new GrowableFloat64();
  pHi = new GrowableFloat64();
  pLo = new GrowableFloat64();

  push(seq: number, prevHash: string, hash: string, valid: boolean): void {
    const i = this.length++;
    this.seq.push(i, typeof seq === 'number' ? seq : NaN);
    this.valid.push(i, valid ? 1 : 0);
    this.hHi.push(i, fpHi(hash));
    this.hLo.push(i, fpLo(hash));
    this.pHi.push(i, fpHi(prevHash));
    this.pLo.push(i, fpLo(prevHash));
  }
}

export class ChainVerifier {
  private readonly stream: string;
  private readonly base: number;
  private readonly startHash: string;
  private readonly onProgress?: (entriesRead: number) => void;

  /** Validly signed checkpoints: seq → hashes (normally one). */
  private readonly signed = new Map<number, string[]>();
  private readonly badSignatures: AuditCheckpoint[] = [];
  private readonly maxSignedSeq: number | null;

  private count = 0;
  private lastHash: string;
  private lastId: string | null = null;
  private beforeLastHash: string | null = null;
  private prefixFp = new GrowableFloat64();
  private firstPrefixMismatchSeq: number | null = null;

  // State captured at the first break.
  private breakAt = -1;
  private readonly rest = new Remainder();
  private restFirst: AuditChainEntry | null = null;
  /** First later entry that links to the last good hash: the entry that belongs at the break. */
  private linkPartner: { index: number; entry: AuditChainEntry } | null = null;

  constructor(options: VerifyOptions) {
    this.stream = options.stream;
    this.base = options.anchor?.seq ?? 0;
    this.startHash = options.anchor?.hash ?? genesisHash(options.stream);
    this.lastHash = this.startHash;
    this.onProgress = options.onProgress;
    const keys = options.publicKeys ?? new Map();
    let max: number | null = null;
    for (const checkpoint of options.checkpoints ?? []) {
      if (checkpoint.stream !== this.stream || !verifyCheckpointSignature(checkpoint, keys)) {
        this.badSignatures.push(checkpoint);
        continue;
      }
      if (checkpoint.seq <= this.base) continue;
      const hashes = this.signed.get(checkpoint.seq) ?? [];
      hashes.push(checkpoint.hash);
      this.signed.set(checkpoint.seq, hashes);
      if (max === null || checkpoint.seq > max) max = checkpoint.seq;
    }
    this.maxSignedSeq = max;
  }

  push(entry: AuditChainEntry): void {
    const valid = entry.stream === this.stream && entryHash(entry) === entry.hash;
    this.accept(entry.id, entry.seq, entry.prevHash, entry.hash, valid, entry, asEntry);
  }

  /**
   * For readers that computed the entry's canonical hash themselves (the database reader hashes
   * rows without building entry objects): `computedHash` is the hash of the entry's content as
   * read, for this verifier's stream. `rebuild(raw)` gives the full entry, and is only called for
   * the few entries a diagnosis needs.
   */
  pushHashed<R>(id: string, seq: number, prevHash: string, hash: string, computedHash: string, raw: R, rebuild: (raw: R) => AuditChainEntry): void {
    this.accept(id, seq, prevHash, hash, computedHash === hash, raw, rebuild);
  }

  private accept<R>(id: string, seq: number, prevHash: string, hash: string, valid: boolean, raw: R, rebuild: (raw: R) => AuditChainEntry): void {
    if (this.breakAt < 0) {
      if (valid && seq === this.base + this.count + 1 && prevHash === this.lastHash) {
        this.prefixFp.push(this.count, parseInt(hash.slice(0, 13), 16));
        if (this.firstPrefixMismatchSeq === null && this.signed.size > 0) {
          const hashes = this.signed.get(seq);
          if (hashes !== undefined && hashes.some((h) => h !== hash)) this.firstPrefixMismatchSeq = seq;
        }
        this.beforeLastHash = this.lastHash;
        this.lastHash = hash;
        this.lastId = id;
        this.count++;
        return;
      }
      this.breakAt = this.count;
    }
    const index = this.rest.length;
    this.rest.push(seq, prevHash, hash, valid);
    if (index === 0) this.restFirst = rebuild(raw);
    if (index > 0 && this.linkPartner === null && prevHash === this.lastHash) this.linkPartner = { index, entry: rebuild(raw) };
    this.count++;
  }

  /** Call after each batch pushed with pushHashed (pushBatch does it itself). */
  reportProgress(): void {
    this.onProgress?.(this.count);
  }

  pushBatch(entries: readonly AuditChainEntry[]): void {
    for (const entry of entries) this.push(entry);
    this.reportProgress();
  }

  finish(): ChainReport {
    const report = (problem: ChainProblem | null, headSeq: number, headHash: string): ChainReport => ({
      stream: this.stream,
      ok: problem === null,
      entries: this.count,
      headSeq,
      headHash,
      checkpointsVerified: [...this.signed.values()].reduce((n, hashes) => n + hashes.length, 0),
      latestCheckpointSeq: this.maxSignedSeq,
      problem,
    });
    const headSeq = this.base + (this.breakAt < 0 ? this.count : this.breakAt);
    if (this.breakAt >= 0) {
      const d = this.diagnose();
      return report(this.problem(d.kind, d.seq, d.index + 1, d.entryId, d.explained, d.detail), headSeq, this.lastHash);
    }
    if (this.firstPrefixMismatchSeq !== null) {
      const seq = this.firstPrefixMismatchSeq;
      return report(
        this.problem('checkpoint_mismatch', seq, seq - this.base, null, true, 'a validly signed checkpoint holds another hash for this seq: the chain was rewritten up to here (hashes recomputed)'),
        headSeq,
        this.lastHash,
      );
    }
    if (this.maxSignedSeq !== null && this.maxSignedSeq > headSeq) {
      return report(
        this.problem('truncated', headSeq + 1, this.count + 1, null, true, `the chain ends at seq ${headSeq} but a validly signed checkpoint covers seq ${this.maxSignedSeq}`),
        headSeq,
        this.lastHash,
      );
    }
    if (this.badSignatures.length > 0) {
      const bad = [...this.badSignatures].sort((a, b) => a.seq - b.seq)[0]!;
      const why = bad.stream !== this.stream ? 'it belongs to another stream' : `its signature does not verify with a known key (key id ${bad.keyId})`;
      return report(this.problem('bad_signature', bad.seq, null, null, true, `checkpoint refused: ${why}`), headSeq, this.lastHash);
    }
    return report(null, headSeq, this.lastHash);
  }

  private problem(kind: TamperKind, seq: number, position: number | null, entryId: string | null, explained: boolean, detail: string): ChainProblem {
    const where = position === null ? `checkpoint at seq ${seq}` : `seq ${seq} at position ${position}`;
    return { kind, seq, position, entryId, explained, message: `${kind}: ${where} — ${detail}${explained ? '' : ' (several changes: the kind is a best guess)'}` };
  }

  // ---- diagnosis -------------------------------------------------------------------------------

  /** Hash (full) of the entry just before prefix position `index`. */
  private hashBefore(index: number): string {
    if (index === this.breakAt) return this.lastHash;
    if (index === this.breakAt - 1) return this.beforeLastHash ?? this.startHash;
    throw new Error('only the last two prefix hashes are kept');
  }

  private item(slot: Slot): VirtualItem {
    if (typeof slot !== 'number') return slot;
    const r = this.rest;
    return {
      seq: r.seq.data[slot]!,
      hHi: r.hHi.data[slot]!,
      hLo: r.hLo.data[slot]!,
      pHi: r.pHi.data[slot]!,
      pLo: r.pLo.data[slot]!,
      valid: r.valid.data[slot] === 1,
      checkLink: true,
    };
  }

  /**
   * Is "prefix positions [0, prefixLength) as stored, then these slots" a valid chain that agrees
   * with every validly signed checkpoint?
   */
  private consistent(prefixLength: number, startSeq: number, startHash: string, slots: number, slotAt: (k: number) => Slot): boolean {
    if (this.firstPrefixMismatchSeq !== null && this.firstPrefixMismatchSeq <= this.base + prefixLength) return false;
    const r = this.rest;
    let prevHi = fpHi(startHash);
    let prevLo = fpLo(startHash);
    for (let k = 0; k < slots; k++) {
      const slot = slotAt(k);
      let seq: number, hHi: number, hLo: number, pHi: number, pLo: number, valid: boolean, checkLink: boolean;
      if (typeof slot === 'number') {
        seq = r.seq.data[slot]!;
        hHi = r.hHi.data[slot]!;
        hLo = r.hLo.data[slot]!;
        pHi = r.pHi.data[slot]!;
        pLo = r.pLo.data[slot]!;
        valid = r.valid.data[slot] === 1;
        checkLink = true;
      } else {
        ({ seq, hHi, hLo, pHi, pLo, valid, checkLink } = slot);
      }
      if (!valid || seq !== startSeq + k) return false;
      if (checkLink && (pHi !== prevHi || pLo !== prevLo)) return false;
      const hashes = this.signed.get(seq);
      if (hashes !== undefined && !Number.isNaN(hHi) && hashes.some((h) => fpHi(h) !== hHi || fpLo(h) !== hLo)) return false;
      prevHi = hHi;
      prevLo = hLo;
    }
    const lastSeq = startSeq + slots - 1;
    return this.maxSignedSeq === null || this.maxSignedSeq <= lastSeq;
  }

  private diagnose(): Diagnosis {
    const p = this.breakAt;
    const s = this.base + p + 1;
    const r = this.rest;
    const n = r.length;
    const first = this.item(0);
    const firstEntry = this.restFirst!;
    const H = this.lastHash;
    const Hhi = fpHi(H);
    const Hlo = fpLo(H);
    const identity = (k: number): Slot => k;
    const shifted = (offset: number) => (k: number): Slot => k + offset;
    const found = (kind: TamperKind, index: number, seq: number, entryId: string | null, detail: string): Diagnosis => ({ kind, index, seq, entryId, explained: true, detail });

    // 1. The entry before the break was modified and its hash recomputed.
    if (p >= 1 && first.valid && first.seq === s) {
      const original: VirtualItem = { seq: s - 1, hHi: first.pHi, hLo: first.pLo, pHi: NaN, pLo: NaN, valid: true, checkLink: false };
      if (this.consistent(p - 1, s - 1, this.hashBefore(p - 1), n + 1, (k) => (k === 0 ? original : k - 1))) {
        return found('modified', p - 1, s - 1, this.lastId, 'its content changed and its hash was recomputed: the next entry still links to its original hash');
      }
    }

    // 2. The entry at the break was modified (with or without its hash recomputed).
    if (first.seq === s || (first.pHi === Hhi && first.pLo === Hlo)) {
      const next = n > 1 ? this.item(1) : null;
      const original: VirtualItem = { seq: s, hHi: next?.pHi ?? NaN, hLo: next?.pLo ?? NaN, pHi: NaN, pLo: NaN, valid: true, checkLink: false };
      if (this.consistent(p, s, H, n, (k) => (k === 0 ? original : k))) {
        const what = first.valid ? 'its hash was recomputed but it no longer fits the chain' : 'its stored hash does not match its content';
        return found('modified', p, s, firstEntry.id, what);
      }
    }

    // 3. Entries deleted: the entry at the break is intact and the chain resumes from it.
    if (first.valid && first.seq > s && Number.isInteger(first.seq)) {
      const resumed: VirtualItem = { ...first, checkLink: false };
      if (this.consistent(p, first.seq, H, n, (k) => (k === 0 ? resumed : k))) {
        const missing = first.seq - s;
        return found('deleted', p, s, null, missing === 1 ? 'this entry is missing' : `${missing} entries are missing from here (seq ${s}–${first.seq - 1})`);
      }
    }

    // 4a. The entry that belongs here sits later: swapped with, or moved from, its place.
    const partner = this.linkPartnerIndex(s);
    if (partner !== null) {
      const swap = (k: number): Slot => (k === 0 ? partner : k === partner ? 0 : k);
      const move = (k: number): Slot => (k === 0 ? partner : k <= partner ? k - 1 : k);
      if (this.consistent(p, s, H, n, swap) || this.consistent(p, s, H, n, move)) {
        return found('reordered', p, first.seq, firstEntry.id, `entry seq ${s} was expected here; the chain is intact once the entries are put back in order`);
      }
    }
    // 4b. The entry here belongs later.
    if (first.valid && first.seq > s && Number.isInteger(first.seq)) {
      let home = n;
      for (let j = 1; j < n; j++) {
        if (r.seq.data[j] === first.seq + 1) {
          home = j;
          break;
        }
      }
      const moved = (k: number): Slot => (k < home - 1 ? k + 1 : k === home - 1 ? 0 : k);
      if (this.consistent(p, s, H, n, moved)) {
        return found('reordered', p, first.seq, firstEntry.id, `entry seq ${s} was expected here; the chain is intact once the entries are put back in order`);
      }
    }

    // 5. An extra entry at the break.
    if (this.consistent(p, s, H, n - 1, shifted(1))) {
      const claimed = first.seq;
      let copy = false;
      if (Number.isInteger(claimed) && claimed > this.base && claimed < s) {
        // The fast pass keeps 52 bits of each hash: plenty to recognize a replayed copy.
        copy = this.prefixFp.data[claimed - this.base - 1] === first.hHi;
      } else if (Number.isInteger(claimed) && claimed >= s && claimed - s + 1 < n) {
        // In the repaired chain (this entry dropped), seq `claimed` sits at index claimed - s + 1.
        copy = r.hHi.data[claimed - s + 1] === first.hHi && r.hLo.data[claimed - s + 1] === first.hLo;
      }
      if (copy) {
        return found('duplicated', p, claimed, firstEntry.id, `a copy of the entry with seq ${claimed}`);
      }
      return found('inserted', p, claimed, firstEntry.id, 'an entry that does not belong to the chain (forged)');
    }

    // 6. A forged entry just before the break, linking correctly and claiming the same seq.
    if (p >= 1 && first.seq === s - 1 && this.consistent(p - 1, s - 1, this.hashBefore(p - 1), n, identity)) {
      return found('inserted', p - 1, s - 1, this.lastId, `a forged entry claiming seq ${s - 1}, which the next entry also holds`);
    }

    // 7. Two rows swapped their seq values (reordering rows that are read in seq order).
    const swapped = this.seqSwapPartner(s);
    if (swapped !== null) {
      const { index, seq } = swapped;
      const atBreak: VirtualItem = { ...this.item(index), seq: s, valid: true };
      const atPartner: VirtualItem = { ...first, seq, valid: true };
      if (this.consistent(p, s, H, n, (k) => (k === 0 ? atBreak : k === index ? atPartner : k))) {
        return found('reordered', p, seq, firstEntry.id, `this row holds the entry of seq ${seq}: seq values were swapped between rows`);
      }
    }

    // No single tampering explains it: name the first break with a local guess.
    const kind: TamperKind = !first.valid ? 'modified' : first.seq > s ? 'deleted' : first.seq < s ? 'inserted' : 'modified';
    return { kind, index: p, seq: kind === 'deleted' ? s : first.seq, entryId: kind === 'deleted' ? null : firstEntry.id, explained: false, detail: 'the chain breaks here' };
  }

  /** Index (≥ 1) of the first later entry that fits the break's slot: seq s, intact, linking to the last good hash. */
  private linkPartnerIndex(s: number): number | null {
    const r = this.rest;
    const Hhi = fpHi(this.lastHash);
    const Hlo = fpLo(this.lastHash);
    for (let j = 1; j < r.length; j++) {
      if (r.seq.data[j] === s && r.valid.data[j] === 1 && r.pHi.data[j] === Hhi && r.pLo.data[j] === Hlo) return j;
    }
    return null;
  }

  /** When the rows at the break and at the entry linking to the last good hash only traded seq values. */
  private seqSwapPartner(s: number): { index: number; seq: number } | null {
    const atBreak = this.restFirst!;
    const partner = this.linkPartner;
    if (partner === null || atBreak.stream !== this.stream || partner.entry.stream !== this.stream) return null;
    const seq = partner.entry.seq;
    if (!Number.isInteger(seq) || seq !== s + partner.index) return null;
    if (entryHash({ ...atBreak, seq }) !== atBreak.hash || entryHash({ ...partner.entry, seq: s }) !== partner.entry.hash) return null;
    return { index: partner.index, seq };
  }
}

const asEntry = (entry: AuditChainEntry): AuditChainEntry => entry;

type EntrySource = AsyncIterable<AuditChainEntry | readonly AuditChainEntry[]> | Iterable<AuditChainEntry | readonly AuditChainEntry[]>;

/** Verifies entries (or batches of entries) in stored order; see ChainVerifier for the rules. */
export async function verifyChain(entries: EntrySource, options: VerifyOptions): Promise<ChainReport> {
  const verifier = new ChainVerifier(options);
  for await (const item of entries) {
    if (Array.isArray(item)) verifier.pushBatch(item as readonly AuditChainEntry[]);
    else verifier.push(item as AuditChainEntry);
  }
  return verifier.finish();
}

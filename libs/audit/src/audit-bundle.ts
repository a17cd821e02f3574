import type { KeyObject } from 'node:crypto';
import type { AuditChainEntry } from './audit-chain';
import { type BundleAudience, type BundleEntry, revealRuleFor, sealEntry } from './audit-sealing';
import {
  keyIdOf,
  nodeVerificationCrypto,
  parseVerificationKey,
  publicKeySet,
  type AuditCheckpoint,
  type AuditPublicKeys,
} from './audit-signing-key';
import { loadCheckpoints, readEntryBatches, type AuditQuery } from './audit-store';
import { BUNDLE_FORMAT, type AuditBundle, type BundleVerification, verifyBundle } from './bundle-verification';

/**
 * A self-contained export of one stream — its entries, its signed checkpoints and the public
 * key(s) — that a partnership board verifies offline: `npm run audit:verify -- --bundle FILE`.
 *
 * Format 2 (issue 13) is made for ONE party (`audience`): its own organization's entries whole,
 * everything of the other party that the agreement does not release sealed — present only as
 * commitments the hash covers (see audit-sealing.ts) — so it verifies offline while carrying no
 * user id, request id or address of the other side, nor details the agreement keeps from it. Its
 * last entry is covered by a checkpoint the server signs at export time, so a shortened copy no
 * longer verifies. Format-1 bundles (before issue 13) still parse and verify.
 *
 * The key inside the bundle is a convenience, not a trust anchor: whoever could rewrite the
 * entries could also re-sign them with a key of their own. A board compares the key id with the
 * one its partnership published (GET /agreements/:id/audit/public-key), or passes that key with
 * `--public-key`.
 */
export {
  AuditBundleError,
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_V1,
  parseAuditBundle,
  parseCheckpoints,
  type AuditBundle,
  type BundleVerification,
} from './bundle-verification';

export interface BuildBundleOptions {
  /** Whom it is for; without one, every private field of every entry is sealed. */
  audience?: BundleAudience;
  /** The head to stop at (the checkpoint signed for the export): later entries and checkpoints are left out. */
  untilSeq?: number;
  now?: Date;
}

const NOBODY: RevealRuleSource = { reveal: () => () => false };
interface RevealRuleSource {
  reveal(entry: AuditChainEntry): (field: string) => boolean;
}

/** Builds the bundle of one stream for one party (served to its board). */
export async function buildAuditBundle(
  query: AuditQuery,
  stream: string,
  publicKeys: KeyObject[],
  options: BuildBundleOptions = {},
): Promise<AuditBundle> {
  const until = options.untilSeq ?? Infinity;
  const audience = options.audience;
  const rules: RevealRuleSource =
    audience === undefined ? NOBODY : { reveal: (entry) => revealRuleFor(audience, entry) };
  const entries: BundleEntry[] = [];
  for await (const batch of readEntryBatches(query, stream)) {
    for (const entry of batch) if (entry.seq <= until) entries.push(sealEntry(entry, rules.reveal(entry)));
    if (batch.length > 0 && batch[batch.length - 1]!.seq > until) break;
  }
  return {
    format: BUNDLE_FORMAT,
    stream,
    exportedAt: (options.now ?? new Date()).toISOString(),
    audience: audience === undefined ? null : { orgId: audience.orgId },
    publicKeys: publicKeys.map((key) => ({
      keyId: keyIdOf(key),
      pem: key.export({ format: 'pem', type: 'spki' }).toString(),
    })),
    checkpoints: (await loadCheckpoints(query, stream)).filter((c) => c.seq <= until),
    entries,
  };
}

/**
 * Verifies a bundle with no database: against `trustedKeys` when given, else the bundle's keys.
 * With `previous` (a bundle the board kept from before), the previous one is verified on its own
 * first, then this one must extend it: every entry and checkpoint of the previous bundle must still
 * be in this chain, unchanged (`modified` at the first entry that changed, `truncated` if it ends
 * before the previous head) — the chain is append-only between the two exports.
 */
export async function verifyAuditBundle(
  bundle: AuditBundle,
  trustedKeys?: AuditPublicKeys,
  options: { previous?: AuditBundle; witnessed?: readonly AuditCheckpoint[] } = {},
): Promise<BundleVerification> {
  const keys = trustedKeys ?? publicKeySet(bundle.publicKeys.map((key) => parseVerificationKey(key.pem)));
  return verifyBundle(bundle, keys, nodeVerificationCrypto, {
    keysFromBundle: trustedKeys === undefined,
    previous: options.previous,
    witnessed: options.witnessed,
  });
}

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '@/api/client';
import { unwrap } from '@/lib/api-error';
import { boardKeys } from '../api/board-keys';
import { downloadBundle } from '../api/board-api';
import {
  type AuditBundle,
  type BundleVerification,
  importPublicKey,
  parseAuditBundle,
  verifyBundleInBrowser,
} from '../utils/bundle-verifier';

/** The bundle kept from before cannot be used: not a bundle, or another agreement's. */
export class KeptBundleError extends Error {
  constructor(readonly reason: 'not-a-bundle' | 'other-agreement') {
    super(`The bundle kept from before cannot be used: ${reason}`);
    this.name = 'KeptBundleError';
  }
}

function keptBundle(text: string, stream: string): AuditBundle {
  let kept: AuditBundle;
  try {
    kept = parseAuditBundle(text);
  } catch {
    throw new KeptBundleError('not-a-bundle');
  }
  if (kept.stream !== stream) throw new KeptBundleError('other-agreement');
  return kept;
}

export type VerificationState =
  | { status: 'idle' }
  | { status: 'downloading'; received: number; total: number | null }
  | { status: 'verifying'; checked: number; total: number }
  | {
      status: 'done';
      verification: BundleVerification;
      bundle: AuditBundle;
      /** The bundle as the server sent it, to keep (and verify the next one against). */
      text: string;
      /** The key id the partnership publishes, and whether the bundle's own copy names the same key. */
      publishedKeyId: string;
      bundleKeyMatches: boolean;
      verifiedAt: Date;
    }
  | { status: 'failed'; error: unknown };

/**
 * Downloads the agreement's bundle and verifies it in the page against the partnership's published key. Kept in
 * the agreement's layout, so the audit browser and the meeting pack show the result of the last run.
 */
export function useBundleVerification(agreementId: string) {
  const client = useQueryClient();
  const [state, setState] = useState<VerificationState>({ status: 'idle' });
  const running = useRef<AbortController | null>(null);
  /** A bundle kept from before, chosen by the person: every run checks that the new one extends it. */
  const [kept, setKept] = useState<File | null>(null);
  // Leaving the agreement stops a download or a verification still under way (and drops the bundle).
  useEffect(() => () => running.current?.abort(), []);

  const run = useCallback(async () => {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    try {
      setState({ status: 'downloading', received: 0, total: null });
      const published = await client.fetchQuery({
        queryKey: boardKeys.publicKey(agreementId),
        queryFn: () =>
          unwrap(api.GET('/api/v1/agreements/{agreementId}/audit/public-key', { params: { path: { agreementId } } })),
      });
      const text = await downloadBundle(
        agreementId,
        (received, total) => setState({ status: 'downloading', received, total }),
        controller.signal,
      );
      const bundle = parseAuditBundle(text);
      const previous = kept === null ? undefined : keptBundle(await kept.text(), bundle.stream);
      const key = await importPublicKey(published.pem);
      setState({ status: 'verifying', checked: 0, total: bundle.entries.length });
      const verification = await verifyBundleInBrowser(bundle, {
        trustedKeys: [key],
        previous,
        signal: controller.signal,
        onProgress: (checked, total) => setState({ status: 'verifying', checked, total }),
      });
      setState({
        status: 'done',
        verification,
        bundle,
        text,
        publishedKeyId: key.keyId,
        bundleKeyMatches: bundle.publicKeys.some((k) => k.keyId === key.keyId),
        verifiedAt: new Date(),
      });
    } catch (error) {
      if (controller.signal.aborted) return;
      setState({ status: 'failed', error });
    }
  }, [agreementId, client, kept]);

  return { state, run, kept, setKept };
}

export type BundleVerificationHandle = ReturnType<typeof useBundleVerification>;

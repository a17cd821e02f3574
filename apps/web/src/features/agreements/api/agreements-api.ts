import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useContext } from 'react';
import { api } from '@/api/client';
import type { components } from '@/api/schema';
import { unwrap } from '@/lib/api-error';
import { ReauthenticationContext, useReauthentication } from '@/lib/reauthentication';
import { agreementKeys } from './agreements-keys';

type Schemas = components['schemas'];
export type Agreement = Schemas['AgreementDto'];
export type AgreementVersion = Schemas['AgreementVersionDto'];
export type AgreementTemplate = Schemas['AgreementTemplateDto'];
export type ParameterChange = Schemas['ParameterChangeDto'];
export type LegalHold = Schemas['LegalHoldDto'];
export type LegalHoldReason = Schemas['SetLegalHoldDto']['reason'];
type UpdateDraft = Schemas['UpdateDraftDto'];

/** The agreements the organization is party to, newest first. */
export function useAgreements() {
  return useQuery({
    queryKey: agreementKeys.list(),
    queryFn: () => unwrap(api.GET('/api/v1/agreements')),
  });
}

export function useAgreement(agreementId: string) {
  return useQuery({
    queryKey: agreementKeys.detail(agreementId),
    queryFn: () => unwrap(api.GET('/api/v1/agreements/{agreementId}', { params: { path: { agreementId } } })),
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: agreementKeys.templates(),
    queryFn: () => unwrap(api.GET('/api/v1/agreements/templates')),
    staleTime: Infinity,
  });
}

/** The API's structural diff between two version numbers (put in words by utils/plain-diff.ts). */
export function useDiff(agreementId: string, comparison: { from: number; to: number } | null) {
  return useQuery({
    queryKey: agreementKeys.diff(agreementId, comparison?.from ?? 0, comparison?.to ?? 0),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/agreements/{agreementId}/diff', {
          params: { path: { agreementId }, query: { from: comparison!.from, to: comparison!.to } },
        }),
      ),
    enabled: comparison !== null && comparison.from !== comparison.to,
  });
}

export function useLegalHolds(agreementId: string) {
  return useQuery({
    queryKey: agreementKeys.legalHolds(agreementId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/agreements/{agreementId}/legal-holds', { params: { path: { agreementId } } })),
  });
}

/** The organization's people (org admins may list them): whom a version may name as board members. */
export function useOwnPeople() {
  return useQuery({
    queryKey: agreementKeys.people(),
    queryFn: () => unwrap(api.GET('/api/v1/users')),
  });
}

function useRefresh(agreementId?: string) {
  const client = useQueryClient();
  return () =>
    client.invalidateQueries({ queryKey: agreementId ? agreementKeys.detail(agreementId) : agreementKeys.all });
}

export function useCreateAgreement() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateAgreementDto']) => unwrap(api.POST('/api/v1/agreements', { body })),
    onSuccess: (agreement) => {
      client.setQueryData(agreementKeys.detail(agreement.id), agreement);
      return client.invalidateQueries({ queryKey: agreementKeys.list() });
    },
  });
}

export function useAmend(agreementId: string) {
  const refresh = useRefresh(agreementId);
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/agreements/{agreementId}/amendments', { params: { path: { agreementId } } })),
    onSuccess: refresh,
  });
}

/** Saves the draft; with `propose`, then proposes it (the API validates the sharing parameters then). */
export function useSaveDraft(agreementId: string) {
  const refresh = useRefresh(agreementId);
  return useMutation({
    mutationFn: async ({ versionId, body, propose }: { versionId: string; body: UpdateDraft; propose: boolean }) => {
      const path = { versionId };
      const saved = await unwrap(api.PATCH('/api/v1/agreement-versions/{versionId}', { params: { path }, body }));
      return propose ? unwrap(api.POST('/api/v1/agreement-versions/{versionId}/propose', { params: { path } })) : saved;
    },
    onSettled: refresh,
  });
}

/**
 * The caller's side's approval. An approval is the organization's signature, so the page asks for the password and a
 * fresh code every time (the re-authentication dialog), not only when the API's five-minute window has passed; should
 * the API still answer REAUTHENTICATION_REQUIRED, useReauthentication asks once more. Cancelling approves nothing.
 */
export function useApprove(agreementId: string) {
  const refresh = useRefresh(agreementId);
  const confirmIdentity = useContext(ReauthenticationContext);
  const withReauthentication = useReauthentication();
  return useMutation({
    mutationFn: async (versionId: string) => {
      if (confirmIdentity && !(await confirmIdentity())) return null;
      return withReauthentication(() =>
        unwrap(api.POST('/api/v1/agreement-versions/{versionId}/approve', { params: { path: { versionId } } })),
      );
    },
    onSuccess: refresh,
  });
}

export function useEndAgreement(agreementId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: 'suspend' | 'terminate') =>
      unwrap(api.POST('/api/v1/agreements/{agreementId}/end', { params: { path: { agreementId } }, body: { action } })),
    onSuccess: (agreement) => {
      client.setQueryData(agreementKeys.detail(agreementId), agreement);
      return client.invalidateQueries({ queryKey: agreementKeys.list() });
    },
  });
}

export function usePlaceLegalHold(agreementId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason: LegalHoldReason) =>
      unwrap(
        api.POST('/api/v1/agreements/{agreementId}/legal-holds', {
          params: { path: { agreementId } },
          body: { reason },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: agreementKeys.legalHolds(agreementId) }),
  });
}

export function useLiftLegalHold(agreementId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (holdId: string) =>
      unwrap(api.POST('/api/v1/legal-holds/{holdId}/lift', { params: { path: { holdId } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: agreementKeys.legalHolds(agreementId) }),
  });
}

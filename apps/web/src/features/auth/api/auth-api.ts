import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { components } from '@/api/schema';
import { isApiError, orNullWhen, unwrap } from '@/lib/api-error';
import { leaveToSignIn, sessionKeys } from '@/lib/session';
import { authKeys } from './auth-keys';

type Schemas = components['schemas'];

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Omit<Schemas['LoginDto'], 'client'>) =>
      unwrap(api.POST('/api/v1/auth/login', { body: { ...credentials, client: 'browser' } })),
    // Whatever an earlier person left in memory goes before the new session's first answer.
    onSuccess: async () => {
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
      await client.fetchQuery({ queryKey: sessionKeys.me(), queryFn: () => unwrap(api.GET('/api/v1/me')) });
    },
  });
}

/** Ends the session on the server, then empties the cache and reloads onto the sign-in page. */
export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await unwrap(api.POST('/api/v1/auth/logout'));
      } catch (error) {
        // Already ended (timeout, elsewhere): signing out has nothing left to end.
        if (!isApiError(error, 'UNAUTHENTICATED')) throw error;
      }
    },
    onSuccess: () => leaveToSignIn(client, 'signed-out'),
  });
}

export function useStartEnrollment() {
  return useMutation({
    mutationFn: (input: Schemas['StartEnrollmentDto']) => unwrap(api.POST('/api/v1/auth/enrollment', { body: input })),
  });
}

export function useConfirmEnrollment() {
  return useMutation({
    mutationFn: (input: Schemas['ConfirmEnrollmentDto']) =>
      unwrap(api.POST('/api/v1/auth/enrollment/confirm', { body: input })),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: Schemas['ChangePasswordDto']) => unwrap(api.POST('/api/v1/auth/password', { body: input })),
  });
}

export function useReauthenticate() {
  return useMutation({
    mutationFn: (input: Schemas['ReauthenticateDto']) =>
      unwrap(api.POST('/api/v1/auth/reauthenticate', { body: input })),
  });
}

/** The embedded demo's accounts; `null` anywhere else (the API answers 404 there). */
export function useDemoAccounts() {
  return useQuery({
    queryKey: authKeys.demoAccounts(),
    queryFn: () => orNullWhen(unwrap(api.GET('/api/v1/demo/accounts')), (error) => error.status === 404),
    staleTime: Infinity,
    retry: false,
  });
}

export function fetchDemoCode(email: string) {
  return unwrap(api.GET('/api/v1/demo/accounts/{email}/code', { params: { path: { email } } }));
}

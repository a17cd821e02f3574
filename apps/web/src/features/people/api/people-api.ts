import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { components } from '@/api/schema';
import { unwrap } from '@/lib/api-error';
import { useReauthentication } from '@/lib/reauthentication';
import type { Role } from '../utils/people-views';
import { peopleKeys } from './people-keys';

export type InvitationSent = components['schemas']['InvitedUserDto'];

/** The organization's people (GET /users: for an org admin, everyone of their organization). */
export function usePeople() {
  return useQuery({ queryKey: peopleKeys.list(), queryFn: () => unwrap(api.GET('/api/v1/users')) });
}

export function usePerson(id: string) {
  return useQuery({
    queryKey: peopleKeys.person(id),
    queryFn: () => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id } } })),
  });
}

/** The account's latest audited events (GET /users/:id/events), newest first. */
export function useAccountEvents(id: string) {
  return useQuery({
    queryKey: peopleKeys.events(id),
    queryFn: () => unwrap(api.GET('/api/v1/users/{id}/events', { params: { path: { id } } })),
  });
}

/** After any change, the list, the person and their history are read again (the history has a new entry). */
function useRefresh() {
  const client = useQueryClient();
  return (id?: string) =>
    Promise.all([
      client.invalidateQueries({ queryKey: peopleKeys.list() }),
      ...(id ? [client.invalidateQueries({ queryKey: peopleKeys.person(id) })] : []),
    ]);
}

export function useInvite() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { email: string; roles: Role[]; displayName?: string }) =>
      unwrap(api.POST('/api/v1/users', { body })),
    onSuccess: () => refresh(),
  });
}

export type AccountAct = 'disable' | 'enable' | 'release-lockout' | 'reset';

/**
 * Disable, enable, release a lockout, reset the sign-in. Wrapped in re-authentication like every change: the API
 * asks for it only where its rules say so (today: role changes), and the wrapper then asks the admin once.
 */
export function useAccountAct(id: string) {
  const refresh = useRefresh();
  const withReauthentication = useReauthentication();
  return useMutation({
    mutationFn: (act: AccountAct) =>
      withReauthentication(async () => {
        const params = { params: { path: { id } } };
        switch (act) {
          case 'disable':
            return { act, user: await unwrap(api.POST('/api/v1/users/{id}/disable', params)) };
          case 'enable':
            return { act, user: await unwrap(api.POST('/api/v1/users/{id}/enable', params)) };
          case 'release-lockout':
            return { act, user: await unwrap(api.POST('/api/v1/users/{id}/release-lockout', params)) };
          case 'reset': {
            const sent = await unwrap(api.POST('/api/v1/users/{id}/reset', params));
            return { act, user: sent.user, enrollment: sent.enrollment };
          }
        }
      }),
    onSuccess: () => refresh(id),
  });
}

/**
 * Role changes need a fresh re-authentication (403 REAUTHENTICATION_REQUIRED): the admin is asked for password and
 * code, then the change runs once more.
 */
export function useChangeRoles(id: string) {
  const refresh = useRefresh();
  const withReauthentication = useReauthentication();
  return useMutation({
    mutationFn: (roles: Role[]) =>
      withReauthentication(() =>
        unwrap(api.PUT('/api/v1/users/{id}/roles', { params: { path: { id } }, body: { roles } })),
      ),
    onSuccess: () => refresh(id),
  });
}

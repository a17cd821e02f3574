import { createContext, useCallback, useContext } from 'react';
import { isApiError } from './api-error';

/**
 * Asks the person for password + code again (the API answers REAUTHENTICATION_REQUIRED before
 * role changes and agreement approvals). Resolves true once the API accepted them, false if the
 * person cancelled. The dialog itself lives in features/auth; the app shell provides it, so every
 * feature can ask without importing another feature.
 */
export type RequestReauthentication = () => Promise<boolean>;

export const ReauthenticationContext = createContext<RequestReauthentication | null>(null);

/**
 * Wraps an action so that, when the API asks for re-authentication, the person is asked and the
 * action runs once more. Any other failure, or a cancelled prompt, is thrown as it came.
 *
 *   const withReauthentication = useReauthentication();
 *   mutationFn: (roles) => withReauthentication(() => unwrap(api.PUT(...)))
 */
export function useReauthentication(): <T>(action: () => Promise<T>) => Promise<T> {
  const request = useContext(ReauthenticationContext);
  if (!request) throw new Error('useReauthentication needs the ReauthenticationProvider (app/providers.tsx)');
  return useCallback(<T>(action: () => Promise<T>) => withReauthentication(action, request), [request]);
}

/** The rule behind useReauthentication: ask once, run once more; anything else fails as it came. */
export async function withReauthentication<T>(action: () => Promise<T>, request: RequestReauthentication): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!isApiError(error, 'REAUTHENTICATION_REQUIRED') || !(await request())) throw error;
    return action();
  }
}

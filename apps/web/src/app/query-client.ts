import { createQueryClient } from '@/lib/query-client';
import { leaveToSignIn } from '@/lib/session';

/**
 * The app's one query client. A module of its own, without React DOM, Mantine or the router, so the early entry
 * (src/early.ts) can start the first page's requests through it before the rest of the app is evaluated.
 */
export const queryClient = createQueryClient((client) => leaveToSignIn(client, 'expired'));

import { queryClient } from './app/query-client';
import { startEarly } from './app/start';

/*
 * The first script the page runs (index.html lists it before main.tsx): it imports only the query client, the API
 * client and the first page's queries, so those requests leave while the browser is still evaluating the rest of the
 * app (React DOM, Mantine, the router, i18n) — about 0.3 s on a phone at 4× CPU throttling (issue 17 item 6).
 */
startEarly(queryClient, window.location.pathname);

import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import '../webhooks.css';

// Loaded on the first visit to /webhooks (no other screen loads any of it).
const WebhooksPage = lazy(() => import('./webhook-pages').then((m) => ({ default: m.WebhooksPage })));

/** `/webhooks`: the org admin's webhooks. */
export const webhooksRoutes: RouteObject[] = [{ index: true, element: <WebhooksPage /> }];

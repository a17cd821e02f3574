import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import '../concerns.css';

// One chunk, loaded on the first visit (no other screen loads any of it).
const pages = () => import('./concern-pages');
const SendConcernPage = lazy(() => pages().then((m) => ({ default: m.SendConcernPage })));

/** `/concerns/new`: a program manager sends a community concern to the police. */
export const concernsRoutes: RouteObject[] = [{ path: 'new', element: <SendConcernPage /> }];

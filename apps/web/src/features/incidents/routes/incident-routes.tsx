import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import '../incidents.css';

// The pages are one chunk, loaded on the first visit to /incidents (no other screen loads any of it).
const pages = () => import('./incident-pages');
const IncidentsPage = lazy(() => pages().then((m) => ({ default: m.IncidentsPage })));
const IncidentPage = lazy(() => pages().then((m) => ({ default: m.IncidentPage })));

/** `/incidents/*`: the police liaison's incidents and each one's page. */
export const incidentsRoutes: RouteObject[] = [
  { index: true, element: <IncidentsPage /> },
  { path: ':incidentId', element: <IncidentPage /> },
];

import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import '../incidents.css';

// The pages are one chunk, loaded on the first visit to /incidents (no other screen loads any of it).
const pages = () => import('./incident-pages');
const IncidentsPage = lazy(() => pages().then((m) => ({ default: m.IncidentsPage })));
const IncidentPage = lazy(() => pages().then((m) => ({ default: m.IncidentPage })));
const ComposePage = lazy(() => pages().then((m) => ({ default: m.ComposePage })));
const PreviewPage = lazy(() => pages().then((m) => ({ default: m.PreviewPage })));
const CorrectPage = lazy(() => pages().then((m) => ({ default: m.CorrectPage })));

/** `/incidents/*`: the police liaison's incidents, each one's page, composing, previewing and correcting. */
export const incidentsRoutes: RouteObject[] = [
  { index: true, element: <IncidentsPage /> },
  { path: 'new', element: <ComposePage /> },
  { path: ':incidentId', element: <IncidentPage /> },
  { path: ':incidentId/preview', element: <PreviewPage /> },
  { path: ':incidentId/correct', element: <CorrectPage /> },
];

import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import '../agreements.css';

// The pages are one chunk, loaded on the first visit to /agreements (no other screen loads any of it).
const pages = () => import('./agreement-pages');
const AgreementsPage = lazy(() => pages().then((m) => ({ default: m.AgreementsPage })));
const AgreementPage = lazy(() => pages().then((m) => ({ default: m.AgreementPage })));

/** `/agreements/*`: the org admin's agreements and each one's page. */
export const agreementsRoutes: RouteObject[] = [
  { index: true, element: <AgreementsPage /> },
  { path: ':agreementId', element: <AgreementPage /> },
];

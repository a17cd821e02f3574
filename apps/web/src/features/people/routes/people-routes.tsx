import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import '../people.css';

// The pages are one chunk, loaded on the first visit to /people (no other screen loads any of it).
const pages = () => import('./people-pages');
const PeoplePage = lazy(() => pages().then((m) => ({ default: m.PeoplePage })));
const PersonPage = lazy(() => pages().then((m) => ({ default: m.PersonPage })));

/** `/people/*`: the org admin's people and each person's account. */
export const peopleRoutes: RouteObject[] = [
  { index: true, element: <PeoplePage /> },
  { path: ':personId', element: <PersonPage /> },
];

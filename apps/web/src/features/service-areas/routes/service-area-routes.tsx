import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import '../service-areas.css';

// Loaded on the first visit to /service-areas (no other screen loads any of it).
const ServiceAreasPage = lazy(() => import('./service-area-pages').then((m) => ({ default: m.ServiceAreasPage })));

/** `/service-areas`: the org admin's service areas. */
export const serviceAreasRoutes: RouteObject[] = [{ index: true, element: <ServiceAreasPage /> }];

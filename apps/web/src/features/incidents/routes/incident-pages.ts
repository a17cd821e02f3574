/** The incidents screens, as one lazily loaded chunk (see incident-routes.tsx). */
export { IncidentPage } from './IncidentPage';
export { IncidentsPage } from './IncidentsPage';
export { ComposePage } from './ComposePage';
export { CorrectPage } from './CorrectPage';
export { PreviewPage } from './PreviewPage';

/** The board's screens, as one lazily loaded chunk with the charts (see board-routes.tsx). */
import '@mantine/charts/styles.css';

export { AuditPage } from './AuditPage';
export { BoardAgreementLayout } from './BoardAgreementLayout';
export { BoardHomePage } from './BoardHomePage';
export { DashboardPage } from './DashboardPage';
export { MeetingPackPage } from './MeetingPackPage';
export { VerifyPage } from './VerifyPage';
export { VersionsPage } from './VersionsPage';

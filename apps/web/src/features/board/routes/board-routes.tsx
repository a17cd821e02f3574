import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import '../board.css';

// One chunk for the board (charts included), loaded on the first visit to /board: no other screen loads any of it.
const pages = () => import('./board-pages');
const BoardHomePage = lazy(() => pages().then((m) => ({ default: m.BoardHomePage })));
const BoardAgreementLayout = lazy(() => pages().then((m) => ({ default: m.BoardAgreementLayout })));
const DashboardPage = lazy(() => pages().then((m) => ({ default: m.DashboardPage })));
const AuditPage = lazy(() => pages().then((m) => ({ default: m.AuditPage })));
const VerifyPage = lazy(() => pages().then((m) => ({ default: m.VerifyPage })));
const VersionsPage = lazy(() => pages().then((m) => ({ default: m.VersionsPage })));
const MeetingPackPage = lazy(() => pages().then((m) => ({ default: m.MeetingPackPage })));

/** `/board/*`: the partnership board's agreements, and per agreement its dashboard, audit, verification, pack. */
export const boardRoutes: RouteObject[] = [
  { index: true, element: <BoardHomePage /> },
  {
    path: ':agreementId',
    element: <BoardAgreementLayout />,
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'verify', element: <VerifyPage /> },
      { path: 'versions', element: <VersionsPage /> },
      { path: 'pack', element: <MeetingPackPage /> },
    ],
  },
];

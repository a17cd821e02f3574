import { Navigate, Route, Routes } from 'react-router';
import '../inbox.css';
import { useLiveInbox } from '../hooks/useLiveInbox';
import { AlertPage } from './AlertPage';
import { InboxPage } from './InboxPage';

/**
 * Everything under /inbox. The live stream is listened to here, above both pages, so it stays open
 * while the worker reads an alert and the list is current when they come back.
 */
export function InboxRoutes() {
  const live = useLiveInbox();
  return (
    <Routes>
      <Route index element={<InboxPage live={live} />} />
      <Route path=":disclosureId" element={<AlertPage />} />
      <Route path="*" element={<Navigate to="/inbox" replace />} />
    </Routes>
  );
}

import { Navigate } from 'react-router';
import { useSession } from '@/lib/session';
import { landingPathFor } from './landing';

export function LandingRedirect() {
  const { data: me } = useSession();
  return me ? <Navigate to={landingPathFor(me.roles ?? [])} replace /> : null;
}

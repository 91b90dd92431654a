// The address after login ("/"): the subscriber's dashboard, or the operator console for staff
// who have no account of their own to show.
import { Navigate } from 'react-router';
import { DashboardPage } from '../features/dashboard/pages/dashboard-page.tsx';
import { OPERATOR_PATH } from '../lib/paths.ts';
import { useSession } from '../lib/session.ts';

export function StartPage() {
  const session = useSession();
  if (session.accounts.length === 0 && session.staff.length > 0)
    return <Navigate to={OPERATOR_PATH} replace />;
  return <DashboardPage />;
}

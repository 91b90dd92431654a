// Client routes. Unknown paths render the not-found page; the server falls back to index.html.
import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/pages/login-page.tsx';
import { ChargesPage } from '../features/charges/pages/charges-page.tsx';
import { DashboardPage } from '../features/dashboard/pages/dashboard-page.tsx';
import { PaymentsPage } from '../features/payments/pages/payments-page.tsx';
import { setUnauthenticatedHandler } from '../lib/api-client.ts';
import { queryClient } from '../lib/query-client.ts';
import { AppLayout } from './app-layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { RequireSession } from './require-session.tsx';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'charges', element: <ChargesPage /> },
          { path: 'payments', element: <PaymentsPage /> },
        ],
      },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
]);

// A lost session anywhere leads to the login page, which then brings the user back here.
setUnauthenticatedHandler(() => {
  const { pathname, search } = router.state.location;
  if (pathname === '/login') return;
  void router.navigate('/login', { replace: true, state: { from: `${pathname}${search}` } }).then(() => {
    queryClient.removeQueries();
  });
});

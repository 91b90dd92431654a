// Client routes. Unknown paths render the not-found page; the server falls back to index.html.
import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/pages/login-page.tsx';
import { CardPaymentPage } from '../features/card-payments/pages/card-payment-page.tsx';
import { PayPage } from '../features/card-payments/pages/pay-page.tsx';
import { ChargesPage } from '../features/charges/pages/charges-page.tsx';
import { HouseholdPage } from '../features/household/pages/household-page.tsx';
import { LinkAccountPage } from '../features/household/pages/link-account-page.tsx';
import { InvitationPage } from '../features/invitation/pages/invitation-page.tsx';
import { MeterHistoryPage } from '../features/meters/pages/meter-history-page.tsx';
import { MetersPage } from '../features/meters/pages/meters-page.tsx';
import { ConsoleLayout } from '../features/operator-console/components/console-layout.tsx';
import { OperatorAccountPage } from '../features/operator-console/pages/account-page.tsx';
import { OperatorAccountsPage } from '../features/operator-console/pages/accounts-page.tsx';
import { OperatorOverviewPage } from '../features/operator-console/pages/overview-page.tsx';
import { OperatorExportsPage } from '../features/operator-exports/pages/operator-exports-page.tsx';
import { OperatorImportsPage } from '../features/operator-imports/pages/operator-imports-page.tsx';
import { OrganizationSettingsPage } from '../features/organization-settings/pages/organization-settings-page.tsx';
import { ForgotPasswordPage } from '../features/password-reset/pages/forgot-password-page.tsx';
import { ResetPasswordPage } from '../features/password-reset/pages/reset-password-page.tsx';
import { PaymentRulesPage } from '../features/payment-rules/pages/payment-rules-page.tsx';
import { PaymentsPage } from '../features/payments/pages/payments-page.tsx';
import { PlatformAdminPage } from '../features/platform-admin/pages/platform-admin-page.tsx';
import { StaffInvitationPage } from '../features/platform-admin/pages/staff-invitation-page.tsx';
import { PrivacyPage } from '../features/privacy/pages/privacy-page.tsx';
import { ConfirmEmailPage } from '../features/profile/pages/confirm-email-page.tsx';
import { ProfilePage } from '../features/profile/pages/profile-page.tsx';
import { TwoFactorSetupPage } from '../features/profile/pages/two-factor-setup-page.tsx';
import { ReceiptPage } from '../features/receipts/pages/receipt-page.tsx';
import { ReceiptsPage } from '../features/receipts/pages/receipts-page.tsx';
import { ConfirmPage } from '../features/registration/pages/confirm-page.tsx';
import { RegisterPage } from '../features/registration/pages/register-page.tsx';
import { setUnauthenticatedHandler } from '../lib/api-client.ts';
import {
  CARD_PAYMENTS_PATH,
  METERS_PATH,
  OPERATOR_PATH,
  PAY_PATH,
  PAYMENT_RULES_PATH,
  RECEIPTS_PATH,
  TWO_FACTOR_SETUP_PATH,
} from '../lib/paths.ts';
import { queryClient } from '../lib/query-client.ts';
import { AppLayout } from './app-layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { RequireSession } from './require-session.tsx';
import { StartPage } from './start-page.tsx';

/** Pages for visitors without a session; they never lead to /login by themselves. */
const publicRoutes = [
  { path: '/login', element: <LoginPage /> },
  { path: '/register', element: <RegisterPage /> },
  { path: '/confirm', element: <ConfirmPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  { path: '/privacy', element: <PrivacyPage /> },
  { path: '/confirm-email', element: <ConfirmEmailPage /> },
  { path: '/invitation', element: <InvitationPage /> },
  { path: '/staff-invitation', element: <StaffInvitationPage /> },
  { path: PAYMENT_RULES_PATH, element: <PaymentRulesPage /> },
];
const publicPaths = new Set(publicRoutes.map((route) => route.path));

export const router = createBrowserRouter([
  ...publicRoutes,
  {
    element: <RequireSession />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <StartPage /> },
          { path: 'charges', element: <ChargesPage /> },
          { path: RECEIPTS_PATH.slice(1), element: <ReceiptsPage /> },
          { path: `${RECEIPTS_PATH.slice(1)}/:period`, element: <ReceiptPage /> },
          { path: 'payments', element: <PaymentsPage /> },
          { path: `${CARD_PAYMENTS_PATH.slice(1)}/:paymentId`, element: <CardPaymentPage /> },
          { path: PAY_PATH.slice(1), element: <PayPage /> },
          { path: METERS_PATH.slice(1), element: <MetersPage /> },
          { path: `${METERS_PATH.slice(1)}/:meterId`, element: <MeterHistoryPage /> },
          { path: 'household', element: <HouseholdPage /> },
          { path: 'accounts/link', element: <LinkAccountPage /> },
          { path: 'profile', element: <ProfilePage /> },
          { path: 'profile/security', element: <ProfilePage /> },
          { path: 'profile/devices', element: <ProfilePage /> },
          { path: TWO_FACTOR_SETUP_PATH.slice(1), element: <TwoFactorSetupPage /> },
          { path: 'admin', element: <PlatformAdminPage /> },
          {
            // The operator console: every section inside its frame (title, organization, section links).
            path: OPERATOR_PATH.slice(1),
            element: <ConsoleLayout />,
            children: [
              { index: true, element: <OperatorOverviewPage /> },
              { path: 'accounts', element: <OperatorAccountsPage /> },
              { path: 'accounts/:accountId', element: <OperatorAccountPage /> },
              { path: 'imports', element: <OperatorImportsPage /> },
              { path: 'exports', element: <OperatorExportsPage /> },
              { path: 'settings', element: <OrganizationSettingsPage /> },
            ],
          },
        ],
      },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
]);

// A lost session on a signed-in page leads to the login page, which then brings the user back.
setUnauthenticatedHandler(() => {
  const { pathname, search } = router.state.location;
  if (publicPaths.has(pathname)) return;
  void router.navigate('/login', { replace: true, state: { from: `${pathname}${search}` } }).then(() => {
    queryClient.removeQueries();
  });
});

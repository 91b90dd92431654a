// A payment address that leads nowhere: a wrong link, or another person's payment (the API does not
// say which).
import { Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SearchIcon } from '../../../components/icons.tsx';
import { StatusPanel } from '../../../components/status-panel.tsx';
import { useAccountHref } from '../../../lib/current-account.ts';

export function PaymentMissing() {
  const { t } = useTranslation();
  const dashboardHref = useAccountHref('/');
  return (
    <StatusPanel
      tone="info"
      icon={<SearchIcon size={26} />}
      title={t('cardPayment.notFoundTitle')}
      actions={
        <Button component={Link} to={dashboardHref} w={{ base: '100%', xs: 'auto' }}>
          {t('cardPayment.toDashboard')}
        </Button>
      }
      testId="payment-missing"
    >
      <Text>{t('cardPayment.notFoundText')}</Text>
    </StatusPanel>
  );
}

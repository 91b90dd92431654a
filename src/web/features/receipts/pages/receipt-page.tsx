// /receipts/:period — one month's receipt on screen, with its PDF a tap away. A month without a
// statement (or an address that is not a month) gets a calm "no receipt for this month" instead.
import { Anchor, Button, Card, Group, Skeleton, Stack } from '@mantine/core';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AccountListItem } from '../../../../shared/api/accounts.ts';
import type { Period } from '../../../../shared/period.ts';
import { AccountPage } from '../../../components/account-page.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { DownloadIcon, FileTextIcon } from '../../../components/icons.tsx';
import { useAccountHref } from '../../../lib/current-account.ts';
import { formatMonthYear } from '../../../lib/format.ts';
import { RECEIPTS_PATH } from '../../../lib/paths.ts';
import { isReceiptMissing, useReceipt } from '../api/get-receipt.ts';
import { receiptPdfUrl } from '../api/receipts-path.ts';
import { periodParam } from '../paths.ts';

// The view brings the QR code encoder along: its own chunk, fetched while the receipt loads.
const loadReceiptView = () => import('../components/receipt-view.tsx');
const ReceiptView = lazy(() => loadReceiptView().then((module) => ({ default: module.ReceiptView })));

export function ReceiptPage() {
  const { t, i18n } = useTranslation();
  const period = periodParam(useParams().period);
  const title = period
    ? t('receipts.receiptTitle', { month: formatMonthYear(period, i18n.language) })
    : t('receipts.receiptTitleNoMonth');
  return (
    <AccountPage title={title}>
      {(account) => (
        <Stack gap="md">
          <BackLink />
          {period ? <ReceiptDetails account={account} period={period} /> : <ReceiptMissing period={null} />}
        </Stack>
      )}
    </AccountPage>
  );
}

function BackLink() {
  const { t } = useTranslation();
  const receiptsHref = useAccountHref(RECEIPTS_PATH);
  return (
    <Anchor component={Link} to={receiptsHref} size="sm" fw={500} style={{ alignSelf: 'flex-start' }}>
      ← {t('receipts.back')}
    </Anchor>
  );
}

function ReceiptDetails({ account, period }: { account: AccountListItem; period: Period }) {
  const { t } = useTranslation();
  const receipt = useReceipt(account.id, period);
  useEffect(() => {
    void loadReceiptView();
  }, []);

  if (receipt.isError) {
    if (isReceiptMissing(receipt.error)) return <ReceiptMissing period={period} />;
    return (
      <ErrorState
        error={receipt.error}
        onRetry={() => void receipt.refetch()}
        retrying={receipt.isFetching}
      />
    );
  }
  if (!receipt.data) return <ReceiptSkeleton />;

  return (
    <Stack gap="lg">
      <Group>
        <Button
          component="a"
          href={receiptPdfUrl(account.id, period)}
          download
          size="md"
          leftSection={<DownloadIcon size={20} />}
          w={{ base: '100%', xs: 'auto' }}
          data-testid="receipt-pdf"
        >
          {t('receipts.download')}
        </Button>
      </Group>
      <Suspense fallback={<ReceiptBodySkeleton />}>
        <ReceiptView receipt={receipt.data} />
      </Suspense>
    </Stack>
  );
}

function ReceiptMissing({ period }: { period: Period | null }) {
  const { t, i18n } = useTranslation();
  const receiptsHref = useAccountHref(RECEIPTS_PATH);
  return (
    <Card maw={560} data-testid="receipt-missing">
      <Stack align="center" gap={0}>
        <EmptyState
          title={
            period
              ? t('receipts.notFoundTitle', { month: formatMonthYear(period, i18n.language) })
              : t('receipts.notFoundTitleNoMonth')
          }
          description={t('receipts.notFoundDescription')}
          icon={<FileTextIcon size={28} />}
        />
        <Button component={Link} to={receiptsHref} variant="light">
          {t('receipts.back')}
        </Button>
      </Stack>
    </Card>
  );
}

function ReceiptSkeleton() {
  return (
    <Stack gap="lg" aria-hidden>
      <Skeleton h={42} w={{ base: '100%', xs: 180 }} radius="md" />
      <ReceiptBodySkeleton />
    </Stack>
  );
}

function ReceiptBodySkeleton() {
  return (
    <Stack gap="lg" aria-hidden>
      <Card>
        <Group justify="space-between" align="flex-start">
          <Stack gap="xs">
            <Skeleton h={12} w={200} />
            <Skeleton h={16} w={160} />
            <Skeleton h={40} w={220} mt="md" />
            <Skeleton h={16} w={150} />
          </Stack>
          <Skeleton h={180} w={180} visibleFrom="sm" />
        </Group>
      </Card>
      <Card>
        <Stack gap="sm">
          {[0, 1, 2, 3, 4, 5].map((row) => (
            <Group key={row} justify="space-between">
              <Skeleton h={14} w={180} />
              <Skeleton h={14} w={80} />
            </Group>
          ))}
        </Stack>
      </Card>
    </Stack>
  );
}

// /receipts — the account's receipts (ЕПД) month by month, newest first: what each month charged,
// what was left to pay and by when; each opens the receipt and downloads as a PDF.
import {
  ActionIcon,
  Anchor,
  Box,
  Button,
  Card,
  Group,
  Skeleton,
  Stack,
  Table,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccountListItem } from '../../../../shared/api/accounts.ts';
import type { ReceiptListItem } from '../../../../shared/api/receipts.ts';
import { formatMoney } from '../../../../shared/money.ts';
import { formatDate } from '../../../../shared/period.ts';
import { AccountPage } from '../../../components/account-page.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { DownloadIcon, FileTextIcon } from '../../../components/icons.tsx';
import { ACCOUNT_PARAM } from '../../../lib/current-account.ts';
import { formatMonthYear } from '../../../lib/format.ts';
import { receiptPath } from '../../../lib/paths.ts';
import { useReceipts } from '../api/get-receipts.ts';
import { receiptPdfUrl } from '../api/receipts-path.ts';

export function ReceiptsPage() {
  const { t } = useTranslation();
  return (
    <AccountPage title={t('receipts.title')}>{(account) => <ReceiptList account={account} />}</AccountPage>
  );
}

interface Row {
  receipt: ReceiptListItem;
  /** `Ноябрь 2026`, as a heading. */
  month: string;
  /** `Скачать PDF квитанции за ноябрь 2026`: the download button's full name. */
  downloadLabel: string;
  href: string;
  pdfUrl: string;
}

function ReceiptList({ account }: { account: AccountListItem }) {
  const { t, i18n } = useTranslation();
  const receipts = useReceipts(account.id);

  if (receipts.isError) {
    return (
      <ErrorState
        error={receipts.error}
        onRetry={() => void receipts.refetch()}
        retrying={receipts.isFetching}
      />
    );
  }
  if (!receipts.data) return <ReceiptsSkeleton />;

  if (receipts.data.receipts.length === 0) {
    return (
      <Card maw={880}>
        <EmptyState
          title={t('receipts.emptyTitle')}
          description={t('receipts.emptyDescription')}
          icon={<FileTextIcon size={28} />}
        />
      </Card>
    );
  }

  const accountQuery = `?${ACCOUNT_PARAM}=${encodeURIComponent(account.id)}`;
  const rows: Row[] = receipts.data.receipts.map((receipt) => ({
    receipt,
    month: formatMonthYear(receipt.period, i18n.language, { capitalize: true }),
    downloadLabel: t('receipts.downloadFor', { month: formatMonthYear(receipt.period, i18n.language) }),
    href: `${receiptPath(receipt.period)}${accountQuery}`,
    pdfUrl: receiptPdfUrl(account.id, receipt.period),
  }));

  return (
    <Card padding="md" maw={880} data-testid="receipt-list">
      <Box visibleFrom="sm">
        <ReceiptTable rows={rows} />
      </Box>
      <Box hiddenFrom="sm">
        <ReceiptCards rows={rows} />
      </Box>
    </Card>
  );
}

function AdvanceNote({ closing }: { closing: number }) {
  const { t } = useTranslation();
  if (closing >= 0) return null;
  return (
    <Text size="xs" c="teal.9" fw={500}>
      {t('receipts.advance', { amount: formatMoney(-closing) })}
    </Text>
  );
}

function ReceiptTable({ rows }: { rows: readonly Row[] }) {
  const { t } = useTranslation();
  const moneyCell = { ta: 'right', className: 'money' } as const;
  return (
    <Table verticalSpacing="sm" highlightOnHover aria-label={t('receipts.listCaption')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('receipts.month')}</Table.Th>
          <Table.Th ta="right">{t('receipts.charged')}</Table.Th>
          <Table.Th ta="right">{t('receipts.amountDue')}</Table.Th>
          <Table.Th ta="right">{t('receipts.dueDate')}</Table.Th>
          <Table.Th>
            <VisuallyHidden>{t('receipts.download')}</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(({ receipt, month, downloadLabel, href, pdfUrl }) => (
          <Table.Tr key={receipt.period}>
            <Table.Th scope="row">
              <Anchor component={Link} to={href} fw={600}>
                {month}
              </Anchor>
            </Table.Th>
            <Table.Td {...moneyCell}>{formatMoney(receipt.charged)}</Table.Td>
            <Table.Td {...moneyCell} fw={600}>
              {formatMoney(receipt.amountDue)}
              <AdvanceNote closing={receipt.closing} />
            </Table.Td>
            <Table.Td ta="right" className="tabular">
              {formatDate(receipt.dueDate)}
            </Table.Td>
            <Table.Td ta="right" w={1}>
              <Button
                component="a"
                href={pdfUrl}
                download
                size="xs"
                variant="light"
                leftSection={<DownloadIcon size={16} />}
                aria-label={downloadLabel}
              >
                {t('receipts.download')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * Phones: the month and the sums open the receipt; beside them a download button, icon-only so the
 * month and the amount keep one line each (its accessible name says «Скачать PDF квитанции за …»).
 */
function ReceiptCards({ rows }: { rows: readonly Row[] }) {
  const { t } = useTranslation();
  return (
    <Stack
      component="ul"
      gap={0}
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label={t('receipts.listCaption')}
    >
      {rows.map(({ receipt, month, downloadLabel, href, pdfUrl }, index) => (
        <Group
          component="li"
          key={receipt.period}
          wrap="nowrap"
          gap="sm"
          py="sm"
          style={index > 0 ? { borderTop: '1px solid var(--mantine-color-gray-2)' } : undefined}
        >
          <UnstyledButton component={Link} to={href} style={{ flex: 1, minWidth: 0 }}>
            <Group justify="space-between" wrap="nowrap" gap="xs" align="baseline">
              <Text fw={600} style={{ whiteSpace: 'nowrap' }}>
                {month}
              </Text>
              <Text fw={600} className="money">
                {formatMoney(receipt.amountDue)}
              </Text>
            </Group>
            <Group justify="space-between" wrap="wrap" gap={0} align="baseline" style={{ columnGap: 8 }}>
              <Text size="xs" c="dimmed" className="tabular">
                {t('receipts.dueShort', { date: formatDate(receipt.dueDate) })}
              </Text>
              <Text size="xs" c="dimmed" className="tabular">
                {t('receipts.chargedValue', { amount: formatMoney(receipt.charged) })}
              </Text>
            </Group>
            <AdvanceNote closing={receipt.closing} />
          </UnstyledButton>
          <ActionIcon
            component="a"
            href={pdfUrl}
            download
            size="lg"
            variant="light"
            aria-label={downloadLabel}
            title={t('receipts.download')}
          >
            <DownloadIcon size={18} />
          </ActionIcon>
        </Group>
      ))}
    </Stack>
  );
}

function ReceiptsSkeleton() {
  return (
    <Card padding="md" maw={880} aria-hidden>
      <Stack gap="lg">
        {[0, 1, 2, 3, 4, 5].map((row) => (
          <Group key={row} justify="space-between" wrap="nowrap">
            <Stack gap={6}>
              <Skeleton h={16} w={120} />
              <Skeleton h={12} w={90} />
            </Stack>
            <Group gap="sm" wrap="nowrap">
              <Skeleton h={16} w={90} />
              <Skeleton h={34} w={34} />
            </Group>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

// This period's charges by service: what each line is and how much.
import { Anchor, Card, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ChargesResponse } from '../../../../shared/api/accounts.ts';
import { formatMoney } from '../../../../shared/money.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { ReceiptIcon } from '../../../components/icons.tsx';
import { useAccountHref } from '../../../lib/current-account.ts';
import { formatDecimal, formatMonthYear } from '../../../lib/format.ts';

type ChargePeriod = ChargesResponse['periods'][number];

interface CurrentChargesProps {
  /** undefined while loading; null when the period has no charges. */
  period: ChargePeriod | null | undefined;
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
}

export function CurrentCharges({ period, error, onRetry, retrying }: CurrentChargesProps) {
  const { t, i18n } = useTranslation();
  const chargesHref = useAccountHref('/charges');
  const title = period
    ? t('dashboard.chargesTitle', { month: formatMonthYear(period.period, i18n.language) })
    : t('charges.title');

  let body: ReactNode;
  if (error) body = <ErrorState error={error} onRetry={onRetry} retrying={retrying} />;
  else if (period === undefined) body = <LinesSkeleton />;
  else if (period === null || period.lines.length === 0)
    body = <EmptyState title={t('charges.emptyTitle')} icon={<ReceiptIcon size={26} />} />;
  else
    body = (
      <Table verticalSpacing="xs" horizontalSpacing={0} aria-label={title} data-testid="current-charges">
        <Table.Tbody>
          {period.lines.map((line) => (
            <Table.Tr key={line.serviceCode}>
              <Table.Td pr="sm">
                <Text size="sm" fw={500}>
                  {line.serviceName}
                </Text>
                {line.volume !== null && (
                  <Text size="xs" c="dimmed" className="tabular">
                    {formatDecimal(line.volume)} {line.unit} × {formatDecimal(line.tariff, 2)}&nbsp;₽
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right" className="money" fz="sm" style={{ verticalAlign: 'top' }}>
                {formatMoney(line.total)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th fw={700}>{t('common.total')}</Table.Th>
            <Table.Td ta="right" fw={700} className="money">
              {formatMoney(period.total)}
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    );

  return (
    <Card>
      {period === undefined && !error ? (
        <Skeleton h={22} w={220} mb="md" />
      ) : (
        <Title order={2} size="h4" mb="sm">
          {title}
        </Title>
      )}
      {body}
      <Anchor component={Link} to={chargesHref} size="sm" mt="md" display="inline-block">
        {t('dashboard.allCharges')}
      </Anchor>
    </Card>
  );
}

function LinesSkeleton() {
  return (
    <Stack gap="md" aria-hidden>
      {[0, 1, 2, 3, 4, 5, 6].map((row) => (
        <Group key={row} justify="space-between">
          <Skeleton h={14} w={160} />
          <Skeleton h={14} w={70} />
        </Group>
      ))}
    </Stack>
  );
}

// One month's service lines: a table from the small-tablet width up, stacked cards on phones.
import { Box, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChargeLine } from '../../../../shared/api/accounts.ts';
import { formatMoney } from '../../../../shared/money.ts';
import { formatDecimal } from '../../../lib/format.ts';

function volumeText(line: ChargeLine): string {
  return line.volume === null ? '—' : `${formatDecimal(line.volume)}\u00a0${line.unit}`;
}

function tariffText(line: ChargeLine): string {
  return `${formatDecimal(line.tariff, 2)}\u00a0₽`;
}

const rowBorder = '1px solid var(--mantine-color-gray-2)';

/** Zero recalculations and benefits read better as a dash. */
function optionalMoney(kopecks: number): string {
  return kopecks === 0 ? '—' : formatMoney(kopecks);
}

interface ChargeLinesProps {
  lines: readonly ChargeLine[];
  total: number;
  caption: string;
}

export function ChargeLines({ lines, total, caption }: ChargeLinesProps) {
  const { t } = useTranslation();
  const moneyCell = { ta: 'right', className: 'money' } as const;

  return (
    <>
      <Box visibleFrom="sm">
        <Table.ScrollContainer minWidth={680}>
          <Table verticalSpacing="sm" striped="even" highlightOnHover fz="sm" aria-label={caption}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('charges.service')}</Table.Th>
                <Table.Th ta="right">{t('charges.volume')}</Table.Th>
                <Table.Th ta="right">{t('charges.tariff')}</Table.Th>
                <Table.Th ta="right">{t('charges.charged')}</Table.Th>
                <Table.Th ta="right">{t('charges.recalculation')}</Table.Th>
                <Table.Th ta="right">{t('charges.benefit')}</Table.Th>
                <Table.Th ta="right">{t('charges.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((line) => (
                <Table.Tr key={line.serviceCode}>
                  <Table.Th scope="row" fw={500}>
                    {line.serviceName}
                  </Table.Th>
                  <Table.Td {...moneyCell}>{volumeText(line)}</Table.Td>
                  <Table.Td {...moneyCell}>{tariffText(line)}</Table.Td>
                  <Table.Td {...moneyCell}>{formatMoney(line.charged)}</Table.Td>
                  <Table.Td {...moneyCell}>{optionalMoney(line.recalculation)}</Table.Td>
                  <Table.Td {...moneyCell}>{optionalMoney(-line.benefit)}</Table.Td>
                  <Table.Td {...moneyCell} fw={600}>
                    {formatMoney(line.total)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th colSpan={6}>{t('charges.monthTotal')}</Table.Th>
                <Table.Td {...moneyCell} fw={700}>
                  {formatMoney(total)}
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      </Box>

      <Stack
        hiddenFrom="sm"
        gap={0}
        component="ul"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label={caption}
      >
        {lines.map((line) => {
          const adjusted = line.recalculation !== 0 || line.benefit !== 0;
          return (
            <Box component="li" key={line.serviceCode} py="sm" style={{ borderBottom: rowBorder }}>
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                <Text fw={500} size="sm">
                  {line.serviceName}
                </Text>
                <Text fw={600} size="sm" className="money">
                  {formatMoney(line.total)}
                </Text>
              </Group>
              <Text size="xs" c="dimmed" className="tabular">
                {line.volume === null
                  ? `${tariffText(line)} / ${line.unit}`
                  : `${volumeText(line)} × ${tariffText(line)}`}
              </Text>
              {adjusted && (
                <SimpleGrid cols={3} spacing="xs" component="dl" mt={6} mb={0}>
                  <LineFact label={t('charges.charged')} value={formatMoney(line.charged)} />
                  <LineFact label={t('charges.recalculation')} value={optionalMoney(line.recalculation)} />
                  <LineFact label={t('charges.benefit')} value={optionalMoney(-line.benefit)} />
                </SimpleGrid>
              )}
            </Box>
          );
        })}
        <Group component="li" justify="space-between" pt="sm">
          <Text fw={700} size="sm">
            {t('charges.monthTotal')}
          </Text>
          <Text fw={700} size="sm" className="money">
            {formatMoney(total)}
          </Text>
        </Group>
      </Stack>
    </>
  );
}

function LineFact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} className="money">
        {value}
      </Text>
    </div>
  );
}

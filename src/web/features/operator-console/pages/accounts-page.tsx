// /operator/accounts?q=&page= — account search: a table on wide screens, a list of cards on phones.
// The query lives in the address, so "back" from an account returns to the same results.
import { Anchor, Badge, Box, Card, Group, Pagination, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { AccountSearchItem } from '../../../../shared/api/operator-console.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { HomeIcon, SearchIcon } from '../../../components/icons.tsx';
import { OPERATOR_ACCOUNTS_PATH, operatorAccountPath } from '../../../lib/paths.ts';
import { useStaffOrganization } from '../../../lib/staff-organization.ts';
import { SEARCH_PAGE_SIZE, useAccountSearch } from '../api/search-accounts.ts';
import { AccountSearchForm } from '../components/account-search-form.tsx';
import { ConsolePageTitle } from '../components/console-layout.tsx';

export function OperatorAccountsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const { organization } = useStaffOrganization();
  const search = useAccountSearch(organization?.organizationId ?? '', q, page);
  const wide = useMediaQuery('(min-width: 48em)', true);
  useDocumentTitle(`${t('operatorConsole.search.title')} — ${t('operatorConsole.title')}`);

  const pages = search.data ? Math.ceil(search.data.total / SEARCH_PAGE_SIZE) : 0;
  // Back from an account keeps its search: the link carries this page's address.
  const from = `${OPERATOR_ACCOUNTS_PATH}${params.toString() ? `?${params.toString()}` : ''}`;

  return (
    <>
      <ConsolePageTitle>{t('operatorConsole.search.title')}</ConsolePageTitle>
      {/* key: a new query from elsewhere (the overview) resets the field. */}
      <AccountSearchForm
        key={q}
        initialQuery={q}
        onSearch={(query) => setParams(query ? { q: query } : {})}
      />
      {search.isError ? (
        <ErrorState error={search.error} onRetry={() => void search.refetch()} retrying={search.isFetching} />
      ) : !search.data ? (
        <Stack gap="xs" aria-busy="true">
          <Skeleton h={20} w={140} />
          <Skeleton h={48} />
          <Skeleton h={48} />
          <Skeleton h={48} />
        </Stack>
      ) : search.data.total === 0 ? (
        q ? (
          <EmptyState
            title={t('operatorConsole.search.emptyTitle')}
            description={t('operatorConsole.search.emptyDescription')}
            icon={<SearchIcon size={28} />}
          />
        ) : (
          <EmptyState
            title={t('operatorConsole.search.noAccountsTitle')}
            description={t('operatorConsole.search.noAccountsDescription')}
            icon={<HomeIcon size={28} />}
          />
        )
      ) : (
        <Stack gap="sm" style={{ opacity: search.isPlaceholderData ? 0.6 : 1 }}>
          <Text size="sm" c="dimmed" role="status" data-testid="search-found">
            {t('operatorConsole.search.found', { count: search.data.total })}
          </Text>
          {wide ? (
            <ResultsTable items={search.data.items} from={from} />
          ) : (
            <ResultsList items={search.data.items} from={from} />
          )}
          {pages > 1 && (
            <Box component="nav" aria-label={t('operatorConsole.search.pages')}>
              <Pagination
                total={pages}
                value={Math.min(page, pages)}
                onChange={(next) =>
                  setParams((current) => {
                    current.set('page', String(next));
                    return current;
                  })
                }
                withEdges={wide}
                size="sm"
              />
            </Box>
          )}
        </Stack>
      )}
    </>
  );
}

function PortalBadge({ item }: { item: AccountSearchItem }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Badge variant="light" color={item.registered ? 'green' : 'gray'}>
        {item.registered ? t('operatorConsole.search.registered') : t('operatorConsole.search.notRegistered')}
      </Badge>
      {item.status === 'closed' && (
        <Badge variant="light" color="orange">
          {t('operatorConsole.search.closed')}
        </Badge>
      )}
    </Group>
  );
}

function ResultsTable({ items, from }: { items: readonly AccountSearchItem[]; from: string }) {
  const { t } = useTranslation();
  return (
    <Card padding={0}>
      <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" data-testid="search-results">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('operatorConsole.search.number')}</Table.Th>
            <Table.Th>{t('operatorConsole.search.address')}</Table.Th>
            <Table.Th>{t('operatorConsole.search.holder')}</Table.Th>
            <Table.Th>{t('operatorConsole.search.portal')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={operatorAccountPath(item.id)}
                  state={{ from }}
                  fw={600}
                  className="tabular"
                >
                  {item.number}
                </Anchor>
              </Table.Td>
              <Table.Td>{item.address ?? '—'}</Table.Td>
              <Table.Td>{item.holderName ?? '—'}</Table.Td>
              <Table.Td>
                <PortalBadge item={item} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function ResultsList({ items, from }: { items: readonly AccountSearchItem[]; from: string }) {
  return (
    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} data-testid="search-results">
      {items.map((item) => (
        <Card component="li" key={item.id} padding="md">
          <Stack gap={4}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Anchor
                component={Link}
                to={operatorAccountPath(item.id)}
                state={{ from }}
                fw={700}
                className="tabular"
              >
                {item.number}
              </Anchor>
              <PortalBadge item={item} />
            </Group>
            {item.address && <Text size="sm">{item.address}</Text>}
            {item.holderName && (
              <Text size="sm" c="dimmed">
                {item.holderName}
              </Text>
            )}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

// The search field of the console: number, address or name. Submitting leads to the results.
import { Button, Group, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchIcon } from '../../../components/icons.tsx';

interface AccountSearchFormProps {
  initialQuery?: string;
  onSearch: (query: string) => void;
}

export function AccountSearchForm({ initialQuery = '', onSearch }: AccountSearchFormProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState(initialQuery);
  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(query.trim());
  }
  return (
    <search>
      <form onSubmit={submit}>
        <Group align="flex-end" gap="sm" wrap="nowrap">
          <TextInput
            label={t('operatorConsole.search.label')}
            description={t('operatorConsole.search.description')}
            placeholder={t('operatorConsole.search.placeholder')}
            leftSection={<SearchIcon size={18} />}
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
            maxLength={200}
            type="search"
            autoComplete="off"
            style={{ flex: 1 }}
            maw={560}
          />
          <Button type="submit">{t('operatorConsole.search.submit')}</Button>
        </Group>
      </form>
    </search>
  );
}

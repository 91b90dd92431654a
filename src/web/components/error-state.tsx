// What a page shows when its data did not load: the translated reason and a retry button.
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeError } from '../lib/error-message.ts';
import { AlertIcon } from './icons.tsx';

interface ErrorStateProps {
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
  /** Defaults to "could not load the data". */
  title?: string;
}

export function ErrorState({ error, onRetry, retrying = false, title }: ErrorStateProps) {
  const { t } = useTranslation();
  const { message, requestId } = describeError(t, error);
  return (
    <Alert color="red" variant="light" title={title ?? t('errors.title')} icon={<AlertIcon />} role="alert">
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        {requestId && (
          <Text size="xs" c="dimmed" ff="monospace">
            {t('common.requestId', { requestId })}
          </Text>
        )}
        {onRetry && (
          <Group>
            <Button size="xs" variant="white" color="red" onClick={onRetry} loading={retrying}>
              {t('common.retry')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

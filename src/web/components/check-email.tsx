// "Check your e-mail" after registration or a password-reset request. The text is the same
// whether or not the address is known, so the page tells nobody who is registered.
import { Anchor, Button, Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useInstance } from '../lib/instance.ts';
import { InfoIcon, MailIcon } from './icons.tsx';
import { StatusPanel } from './status-panel.tsx';

interface CheckEmailProps {
  message: string;
  /** Extra actions under "back to sign in", e.g. "use another address". */
  actions?: ReactNode;
}

export function CheckEmail({ message, actions }: CheckEmailProps) {
  const { t } = useTranslation();
  const demo = useInstance().data?.demo ?? false;
  return (
    <>
      <StatusPanel
        tone="info"
        icon={<MailIcon size={26} />}
        title={t('checkEmail.title')}
        focusOnMount
        testId="check-email"
        actions={
          <>
            <Button component={Link} to="/login" size="md" fullWidth>
              {t('checkEmail.backToLogin')}
            </Button>
            {actions}
          </>
        }
      >
        <Text>{message}</Text>
        <Text size="sm" c="dimmed">
          {t('checkEmail.notArrived')}
        </Text>
      </StatusPanel>
      {demo && <DemoMailboxHint />}
    </>
  );
}

export function DemoMailboxHint() {
  const { t } = useTranslation();
  return (
    <Paper bg="indigo.0" p="md" radius="md">
      <Group gap="sm" wrap="nowrap" align="flex-start" c="indigo.9">
        <InfoIcon />
        <Text size="sm" c="var(--mantine-color-text)" data-testid="demo-mailbox-hint">
          {t('checkEmail.demo')}{' '}
          {/* A server page, not a client route: a plain link that opens it beside the app. */}
          <Anchor href="/dev/mailbox" target="_blank" rel="noopener" inherit fw={600}>
            /dev/mailbox
          </Anchor>
        </Text>
      </Group>
    </Paper>
  );
}

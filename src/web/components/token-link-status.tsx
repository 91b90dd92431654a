// The page a link from an e-mail opens: one column with the title, then what became of the link —
// still being checked (or, on /confirm, a short form first), or a status panel with the one way forward.
import { Button, Center, Loader, Paper, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PublicLayout, PublicPageTitle } from './public-layout.tsx';
import { StatusPanel } from './status-panel.tsx';

/** The frame of a link page; also names the browser tab "<title> — Abonent". */
export function TokenLinkPage({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  useDocumentTitle(`${title} — ${t('common.appName')}`);
  return (
    <PublicLayout width={480}>
      <PublicPageTitle title={title} />
      {children}
    </PublicLayout>
  );
}

/** While the token is being checked. */
export function TokenLinkPending({ text }: { text: string }) {
  return (
    <Paper withBorder shadow="sm" p="xl" aria-busy="true">
      <Center>
        <Stack align="center" gap="sm">
          <Loader />
          <Text role="status">{text}</Text>
        </Stack>
      </Center>
    </Paper>
  );
}

interface TokenLinkStatusProps {
  tone: 'success' | 'error';
  icon: ReactNode;
  title: string;
  text: ReactNode;
  testId: string;
  /** The one way forward: a full-width button link. */
  to: string;
  linkState?: unknown;
  linkLabel: string;
  focusOnMount?: boolean;
}

/** What became of the link, with one button to go on. */
export function TokenLinkStatus({
  tone,
  icon,
  title,
  text,
  testId,
  to,
  linkState,
  linkLabel,
  focusOnMount = true,
}: TokenLinkStatusProps) {
  return (
    <StatusPanel
      tone={tone}
      icon={icon}
      title={title}
      focusOnMount={focusOnMount}
      testId={testId}
      actions={
        <Button component={Link} to={to} state={linkState} size="md" fullWidth>
          {linkLabel}
        </Button>
      }
    >
      <Text>{text}</Text>
    </StatusPanel>
  );
}

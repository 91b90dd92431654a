// The outcome of a public flow (mail sent, link followed, link expired): an icon, a heading that
// takes the focus so screen readers announce the change, the explanation and what to do next.
import { Paper, Stack, ThemeIcon, Title } from '@mantine/core';
import { type ReactNode, useEffect, useRef } from 'react';

interface StatusPanelProps {
  tone: 'success' | 'error' | 'info';
  icon: ReactNode;
  title: string;
  children?: ReactNode;
  /** Buttons and links, full width on phones. */
  actions?: ReactNode;
  /** Move the focus to the heading when the panel appears (after a form was sent). */
  focusOnMount?: boolean;
  testId?: string;
}

const colors = { success: 'green', error: 'red', info: 'indigo' } as const;

export function StatusPanel({
  tone,
  icon,
  title,
  children,
  actions,
  focusOnMount,
  testId,
}: StatusPanelProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) headingRef.current?.focus();
  }, [focusOnMount]);
  return (
    // overflow-wrap: a long e-mail address must not widen the page on a phone.
    <Paper
      withBorder
      shadow="sm"
      p={{ base: 'md', sm: 'xl' }}
      data-testid={testId}
      style={{ overflowWrap: 'anywhere' }}
    >
      <Stack gap="md">
        <ThemeIcon size={48} radius="xl" variant="light" color={colors[tone]} aria-hidden>
          {icon}
        </ThemeIcon>
        <Title order={2} fz={{ base: 20, sm: 22 }} ref={headingRef} tabIndex={-1} style={{ outline: 'none' }}>
          {title}
        </Title>
        {children}
        {actions && <Stack gap="sm">{actions}</Stack>}
      </Stack>
    </Paper>
  );
}

// A titled card for one part of a settings page: heading (h2), a line of explanation, the content.
import { Card, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface SectionCardProps {
  title: string;
  description?: ReactNode;
  /** Beside the title: a status badge or a small action. */
  aside?: ReactNode;
  children: ReactNode;
  testId?: string;
  /** For aria-labelledby and in-page links. */
  id?: string;
}

export function SectionCard({ title, description, aside, children, testId, id }: SectionCardProps) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <Card
      component="section"
      aria-labelledby={headingId}
      id={id}
      data-testid={testId}
      padding="lg"
      style={{ overflowWrap: 'anywhere' }}
    >
      <Stack gap="md">
        <Stack gap={4}>
          <Group justify="space-between" gap="xs" wrap="wrap" align="center">
            <Title order={2} fz={{ base: 18, sm: 20 }} id={headingId}>
              {title}
            </Title>
            {aside}
          </Group>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </Stack>
        {children}
      </Stack>
    </Card>
  );
}

// One figure of the overview: what it counts, the number, and a line that puts it in context.
import { Card, Skeleton, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

interface StatCardProps {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  /** Under the hint: a badge such as "window open". */
  footer?: ReactNode;
  testId?: string;
}

export function StatCard({ label, value, hint, footer, testId }: StatCardProps) {
  return (
    <Card padding="lg" data-testid={testId} component="section" aria-label={label}>
      <Stack gap={6}>
        <Text size="sm" c="dimmed" fw={600}>
          {label}
        </Text>
        <Text fz={{ base: 26, sm: 30 }} fw={700} lh={1.1} className="tabular" data-testid="stat-value">
          {value}
        </Text>
        {hint && (
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        )}
        {footer}
      </Stack>
    </Card>
  );
}

export function StatCardSkeleton() {
  return (
    <Card padding="lg" aria-hidden>
      <Stack gap={10}>
        <Skeleton h={14} w="60%" />
        <Skeleton h={30} w="40%" />
        <Skeleton h={14} w="80%" />
      </Stack>
    </Card>
  );
}

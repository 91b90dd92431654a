// A calm "nothing here yet" block for lists and pages.
import { EmptyState as MantineEmptyState } from '@mantine/core';
import type { ReactNode } from 'react';

interface EmptyStateProps {
  title: string;
  description?: string;
  icon: ReactNode;
}

export function EmptyState({ title, description, icon }: EmptyStateProps) {
  return (
    <MantineEmptyState
      py="xl"
      size="sm"
      variant="light"
      title={title}
      description={description}
      icon={icon}
    />
  );
}

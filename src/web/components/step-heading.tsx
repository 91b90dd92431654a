// "Step 2 of 3" and the step's title, which takes the focus when the step changes.
import { Stack, Text, Title } from '@mantine/core';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';

interface StepHeadingProps {
  /** Zero-based. */
  step: number;
  total: number;
  title: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
}

export function StepHeading({ step, total, title, headingRef }: StepHeadingProps) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {t('registration.stepOf', { step: step + 1, total })}
      </Text>
      <Title order={2} fz={{ base: 20, sm: 22 }} ref={headingRef} tabIndex={-1} style={{ outline: 'none' }}>
        {title}
      </Title>
    </Stack>
  );
}

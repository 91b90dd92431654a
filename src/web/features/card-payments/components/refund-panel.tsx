// The payment's refund application as the subscriber sees it: where it stands in one sentence (the
// deadline and the days left, overdue, approved, refunded, rejected with the operator's note), what
// that means, and what they wrote.
import { Box, Card, Group, Loader, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RefundRequest } from '../../../../shared/api/refunds.ts';
import { AlertIcon, CheckIcon, HistoryIcon, XCircleIcon } from '../../../components/icons.tsx';
import { formatLocalDate } from '../../../lib/format.ts';
import { describeRefund, type RefundKind, refundStateOf } from '../lib/refund-state.ts';

const tone: Record<RefundKind, { color: string; icon: ReactNode }> = {
  requested: { color: 'indigo', icon: <HistoryIcon size={22} /> },
  approved: { color: 'teal', icon: <Loader size={20} color="teal" type="dots" /> },
  overdue: { color: 'orange', icon: <AlertIcon size={22} /> },
  refunded: { color: 'teal', icon: <CheckIcon size={22} /> },
  rejected: { color: 'red', icon: <XCircleIcon size={22} /> },
  failed: { color: 'red', icon: <AlertIcon size={22} /> },
};

interface RefundPanelProps {
  refund: RefundRequest;
  /** The payment's amount: a refund returns all of it. */
  amount: number;
  /** Just filed here: the heading takes the focus, as the form it replaces had it. */
  focusOnMount?: boolean;
}

export function RefundPanel({ refund, amount, focusOnMount = false }: RefundPanelProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount && refund.id) headingRef.current?.focus();
  }, [focusOnMount, refund.id]);

  // Counted at each render (every answer about the payment), so a page left open stays right.
  const state = refundStateOf(refund, new Date());
  const { title, text } = describeRefund(t, state, amount, i18n.language);
  const { color, icon } = tone[state.kind];

  return (
    <Card
      padding="lg"
      component="section"
      aria-labelledby={headingId}
      data-testid="refund-panel"
      data-refund={state.kind}
    >
      <Title
        order={2}
        fz={{ base: 18, sm: 20 }}
        mb="md"
        id={headingId}
        ref={headingRef}
        tabIndex={-1}
        style={{ outline: 'none' }}
      >
        {t('cardPayment.refund.panelTitle')}
      </Title>
      <Stack gap="md">
        <Box
          p="md"
          style={{
            borderRadius: 'var(--mantine-radius-md)',
            background: `var(--mantine-color-${color}-light)`,
            // Overdue is the one state that asks the subscriber to act: it gets a visible edge.
            borderLeft: state.kind === 'overdue' ? '4px solid var(--mantine-color-orange-6)' : undefined,
          }}
          data-testid="refund-state"
        >
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <ThemeIcon size={36} radius="xl" variant="light" color={color} aria-hidden>
              {icon}
            </ThemeIcon>
            <Stack gap={4} miw={0} style={{ overflowWrap: 'anywhere' }}>
              <Text fw={600} c={state.kind === 'overdue' ? 'orange.9' : undefined}>
                {title}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                {text}
              </Text>
            </Stack>
          </Group>
        </Box>

        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {t('cardPayment.refund.yourReason')}
          </Text>
          <Text
            size="sm"
            style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}
            data-testid="refund-reason"
          >
            {refund.reason}
          </Text>
          <Text size="sm" c="dimmed" mt={4}>
            <time dateTime={refund.requestedAt}>
              {t('cardPayment.refund.requestedOn', {
                date: formatLocalDate(refund.requestedAt, i18n.language),
              })}
            </time>
          </Text>
        </Stack>
      </Stack>
    </Card>
  );
}

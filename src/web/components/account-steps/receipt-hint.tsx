// A sketch of the paper bill (and of a payment receipt) with the lines to copy highlighted.
import { Box, Group, Mark, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicOrganization } from '../../../shared/api/registration.ts';

export function ReceiptHint({ proofType }: { proofType: PublicOrganization['proofType'] }) {
  const { t } = useTranslation();
  const receiptTotal = proofType === 'last_receipt_total';
  return (
    <Stack gap="sm">
      <Sketch caption={t('registration.account.receipt.caption')}>
        <Text size="xs" fw={700} tt="uppercase" c="dimmed">
          {t('registration.account.receipt.title')}
        </Text>
        <SketchLine label={t('registration.account.receipt.accountLine')} value="1234567" highlighted />
        <SketchLine label={t('registration.account.receipt.addressLine')} value="…" />
        <Box my={4} style={{ borderTop: '1px dashed var(--mantine-color-gray-4)' }} />
        <SketchLine
          label={t('registration.account.receipt.totalLine')}
          value="3 456,78 ₽"
          highlighted={receiptTotal}
          strong
        />
      </Sketch>
      {!receiptTotal && (
        <Sketch caption={t('registration.account.receipt.checkCaption')}>
          <SketchLine
            label={t('registration.account.receipt.checkLine')}
            value="3 456,78 ₽"
            highlighted
            strong
          />
        </Sketch>
      )}
    </Stack>
  );
}

function Sketch({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed">
        {caption}
      </Text>
      <Paper withBorder radius="sm" p="sm" bg="var(--mantine-color-body)">
        <Stack gap={6}>{children}</Stack>
      </Paper>
    </Stack>
  );
}

function SketchLine({
  label,
  value,
  highlighted = false,
  strong = false,
}: {
  label: string;
  value: string;
  highlighted?: boolean;
  strong?: boolean;
}) {
  const text = (
    <Text span size="sm" fw={strong ? 700 : 400} className="money">
      {value}
    </Text>
  );
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm" fw={strong ? 600 : 400}>
        {label}
      </Text>
      {highlighted ? (
        <Mark color="yellow" px={4} style={{ borderRadius: 4 }}>
          {text}
        </Mark>
      ) : (
        text
      )}
    </Group>
  );
}

// What the receipt says besides the charges: the due day, the payment QR code, a footer note.
import { NumberInput, Switch, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type OrganizationSettings,
  RECEIPT_NOTE_MAX_LENGTH,
} from '../../../../shared/api/organization-settings.ts';
import { SettingsForm } from './settings-form.tsx';
import { useSectionSave } from './use-section-save.ts';

export function ReceiptsSection({ settings }: { settings: OrganizationSettings }) {
  const { t } = useTranslation();
  const section = useSectionSave(settings);
  const [dueDay, setDueDay] = useState<number | string>(settings.paymentDueDay);
  const [showQr, setShowQr] = useState(settings.receiptShowQr);
  const [note, setNote] = useState(settings.receiptNote ?? '');
  const dueDayValid = typeof dueDay === 'number' && Number.isInteger(dueDay) && dueDay >= 1 && dueDay <= 28;
  const [submitted, setSubmitted] = useState(false);
  return (
    <SettingsForm
      id="receipts"
      title={t('organizationSettings.receipts.title')}
      description={t('organizationSettings.receipts.description')}
      canEdit={settings.canEdit}
      pending={section.pending}
      saved={section.saved}
      error={section.error}
      onSubmit={() => {
        setSubmitted(true);
        if (!dueDayValid) return;
        section.save({ paymentDueDay: dueDay, receiptShowQr: showQr, receiptNote: note.trim() || null });
      }}
    >
      <NumberInput
        label={t('organizationSettings.receipts.dueDay')}
        description={t('organizationSettings.receipts.dueDayDescription')}
        size="md"
        min={1}
        max={28}
        allowDecimal={false}
        allowNegative={false}
        maw={320}
        value={dueDay}
        onChange={(value) => {
          setDueDay(value);
          section.edited();
        }}
        error={
          (submitted && !dueDayValid) || section.refused.has('paymentDueDay')
            ? t('organizationSettings.receipts.dueDayInvalid')
            : undefined
        }
      />
      <Switch
        size="md"
        label={t('organizationSettings.receipts.showQr')}
        description={t('organizationSettings.receipts.showQrDescription')}
        checked={showQr}
        onChange={(event) => {
          setShowQr(event.currentTarget.checked);
          section.edited();
        }}
      />
      <Textarea
        label={t('organizationSettings.receipts.note')}
        description={t('organizationSettings.receipts.noteDescription', { count: RECEIPT_NOTE_MAX_LENGTH })}
        size="md"
        autosize
        minRows={2}
        maxLength={RECEIPT_NOTE_MAX_LENGTH}
        value={note}
        onChange={(event) => {
          setNote(event.currentTarget.value);
          section.edited();
        }}
        error={section.refused.has('receiptNote') ? t('organizationSettings.invalidValue') : undefined}
      />
    </SettingsForm>
  );
}

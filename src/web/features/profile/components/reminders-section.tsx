// E-mails the person can switch off: reminders (readings when the window opens, a meter's
// verification 30 days ahead) and each month's receipt as a PDF. Each switch saves at once; a
// failure puts it back and says why.
import { Alert, Skeleton, Stack, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../../shared/api/profile.ts';
import { ErrorState } from '../../../components/error-state.tsx';
import { AlertIcon } from '../../../components/icons.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { describeError } from '../../../lib/error-message.ts';
import { useProfile, useUpdateProfile } from '../api/profile.ts';

const switches = ['readingReminders', 'verificationReminders', 'receiptEmails'] as const;

export function RemindersSection() {
  const { t } = useTranslation();
  const profile = useProfile();
  return (
    <SectionCard
      title={t('profile.reminders.title')}
      description={t('profile.reminders.description')}
      testId="reminders"
    >
      {profile.data ? (
        <ReminderSwitches profile={profile.data} />
      ) : profile.isError ? (
        <ErrorState
          error={profile.error}
          onRetry={() => void profile.refetch()}
          retrying={profile.isFetching}
        />
      ) : (
        <Stack gap="md" aria-busy="true" aria-label={t('common.loading')}>
          <Skeleton h={40} />
          <Skeleton h={40} />
          <Skeleton h={40} />
        </Stack>
      )}
    </SectionCard>
  );
}

function ReminderSwitches({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const update = useUpdateProfile();
  // While saving, show the requested state; on failure the profile (unchanged) shows again.
  const pending = update.isPending ? update.variables : undefined;
  return (
    <Stack gap="md">
      {update.error && (
        <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
          {describeError(t, update.error).message}
        </Alert>
      )}
      {switches.map((key) => (
        <Switch
          key={key}
          size="md"
          label={<WholeEmailWord text={t(`profile.reminders.${key}`)} />}
          description={<WholeEmailWord text={t(`profile.reminders.${key}Description`)} />}
          checked={pending?.[key] ?? profile[key]}
          disabled={update.isPending}
          onChange={(event) => update.mutate({ [key]: event.currentTarget.checked })}
        />
      ))}
    </Stack>
  );
}

/** «e-mail» at the end of a line must not break at its hyphen («e-» / «mail»). */
function WholeEmailWord({ text }: { text: string }) {
  const match = /e-mail/i.exec(text);
  if (!match) return text;
  return (
    <>
      {text.slice(0, match.index)}
      <span style={{ whiteSpace: 'nowrap' }}>{match[0]}</span>
      {text.slice(match.index + match[0].length)}
    </>
  );
}

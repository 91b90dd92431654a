// Recent security events: logins (and failed ones), password and e-mail changes, sessions ended.
import { Group, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import {
  AlertIcon,
  HistoryIcon,
  KeyIcon,
  LogoutIcon,
  MailIcon,
  ShieldIcon,
  UserIcon,
  UsersIcon,
} from '../../../components/icons.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useActivity } from '../api/sessions.ts';

/** Actions with a translation; anything else is shown as the server named it. */
export const knownActions = [
  'auth.login',
  'auth.login_failed',
  'auth.login_blocked',
  'auth.totp_failed',
  'auth.logout',
  'password.changed',
  'password.change_failed',
  'password.reset',
  'password_reset.requested',
  'session.revoked',
  'session.revoked_others',
  '2fa.enabled',
  '2fa.disabled',
  'account.linked',
  'account.link_failed',
  'account.unlinked',
  'household.invited',
  'household.revoked',
  'invitation.used',
  'email.change_requested',
  'email.changed',
  'profile.updated',
  'registration.requested',
] as const;

const warnings = new Set([
  'auth.login_failed',
  'auth.login_blocked',
  'auth.totp_failed',
  'password.change_failed',
  'account.link_failed',
]);

function iconFor(action: string): ReactNode {
  if (warnings.has(action)) return <AlertIcon size={18} />;
  if (action.startsWith('2fa.')) return <ShieldIcon size={18} />;
  if (action.startsWith('password')) return <KeyIcon size={18} />;
  if (action.startsWith('email.')) return <MailIcon size={18} />;
  if (action.startsWith('session.') || action === 'auth.logout') return <LogoutIcon size={18} />;
  if (action.startsWith('household.') || action.startsWith('invitation.') || action.startsWith('account.'))
    return <UsersIcon size={18} />;
  return <UserIcon size={18} />;
}

export function ActivitySection() {
  const { t, i18n } = useTranslation();
  const activity = useActivity();
  const locale = i18n.resolvedLanguage ?? 'ru';

  let body: ReactNode;
  if (activity.isError && !activity.data) {
    body = (
      <ErrorState
        error={activity.error}
        onRetry={() => void activity.refetch()}
        retrying={activity.isFetching}
      />
    );
  } else if (!activity.data) {
    body = (
      <Stack gap="sm" aria-busy="true" aria-label={t('common.loading')}>
        {[0, 1, 2, 3].map((index) => (
          <Skeleton key={index} h={44} />
        ))}
      </Stack>
    );
  } else if (activity.data.events.length === 0) {
    body = <EmptyState title={t('profile.activity.emptyTitle')} icon={<HistoryIcon size={28} />} />;
  } else {
    body = (
      <Stack component="ol" gap="md" p={0} m={0} style={{ listStyle: 'none' }} data-testid="activity">
        {activity.data.events.map((event, index) => {
          const known = (knownActions as readonly string[]).includes(event.action);
          const warning = warnings.has(event.action);
          return (
            // Events have no id; their order is stable for one answer.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <Group component="li" key={index} gap="sm" wrap="nowrap" align="flex-start">
              <ThemeIcon variant="light" radius="xl" size="md" color={warning ? 'red' : 'gray'} aria-hidden>
                {iconFor(event.action)}
              </ThemeIcon>
              <Stack gap={0} miw={0}>
                <Text size="sm" fw={500} ff={known ? undefined : 'monospace'}>
                  {known ? t(`profile.activity.actions.${event.action.replace('.', '_')}`) : event.action}
                </Text>
                <Text size="xs" c="dimmed" className="tabular">
                  {formatDateTime(event.at, locale)}
                  {event.ip ? ` · ${t('profile.devices.ip', { ip: event.ip })}` : ''}
                </Text>
              </Stack>
            </Group>
          );
        })}
      </Stack>
    );
  }

  return (
    <SectionCard title={t('profile.activity.title')} description={t('profile.activity.description')}>
      {body}
    </SectionCard>
  );
}

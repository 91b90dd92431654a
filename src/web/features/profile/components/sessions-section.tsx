// Signed-in devices: what and where, when last seen, "this device", sign out one or all others.
import { Alert, Badge, Button, Group, Paper, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { sessionListSchema } from '../../../../shared/api/profile.ts';
import { ErrorState } from '../../../components/error-state.tsx';
import { AlertIcon, CheckIcon, DesktopIcon, LogoutIcon, SmartphoneIcon } from '../../../components/icons.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { describeError } from '../../../lib/error-message.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useSessions, useSignOutOtherSessions, useSignOutSession } from '../api/sessions.ts';
import { describeUserAgent } from '../lib/user-agent.ts';

type Session = z.infer<typeof sessionListSchema>['sessions'][number];

export function SessionsSection() {
  const { t } = useTranslation();
  const sessions = useSessions();
  const signOutOthers = useSignOutOtherSessions();
  const [notice, setNotice] = useState<string | null>(null);

  const list = sessions.data?.sessions ?? [];
  // This device first, then the most recently active.
  const sorted = [...list].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
  );
  const others = list.filter((session) => !session.current).length;

  let body: React.ReactNode;
  if (sessions.isError && !sessions.data) {
    body = (
      <ErrorState
        error={sessions.error}
        onRetry={() => void sessions.refetch()}
        retrying={sessions.isFetching}
      />
    );
  } else if (!sessions.data) {
    body = (
      <Stack gap="sm" aria-busy="true" aria-label={t('common.loading')}>
        <Skeleton h={88} radius="md" />
        <Skeleton h={88} radius="md" />
      </Stack>
    );
  } else {
    body = (
      <Stack gap="md">
        {notice && (
          <Alert color="green" variant="light" icon={<CheckIcon />} role="status">
            {notice}
          </Alert>
        )}
        {signOutOthers.isError && (
          <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
            {describeError(t, signOutOthers.error).message}
          </Alert>
        )}
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="sessions">
          {sorted.map((session) => (
            <SessionRow
              key={session.id}
              session={session}
              onSignedOut={() => setNotice(t('profile.devices.signedOutOne'))}
            />
          ))}
        </Stack>
        {others === 0 ? (
          <Text size="sm" c="dimmed">
            {t('profile.devices.onlyThis')}
          </Text>
        ) : (
          <Group>
            <Button
              variant="light"
              color="red"
              leftSection={<LogoutIcon size={18} />}
              loading={signOutOthers.isPending}
              onClick={() =>
                signOutOthers.mutate(undefined, {
                  onSuccess: () => setNotice(t('profile.devices.signedOutOthers', { count: others })),
                })
              }
            >
              {t('profile.devices.signOutOthers')}
            </Button>
          </Group>
        )}
      </Stack>
    );
  }

  return (
    <SectionCard title={t('profile.devices.title')} description={t('profile.devices.description')}>
      {body}
    </SectionCard>
  );
}

function SessionRow({ session, onSignedOut }: { session: Session; onSignedOut: () => void }) {
  const { t, i18n } = useTranslation();
  const signOut = useSignOutSession();
  const device = describeUserAgent(session.userAgent);
  const browser = device.browser === 'Yandex' ? t('profile.devices.yandex') : device.browser;
  const title =
    browser && device.system
      ? t('profile.devices.browserOn', { browser, system: device.system })
      : (browser ?? device.system ?? t('profile.devices.unknown'));
  const locale = i18n.resolvedLanguage ?? 'ru';

  return (
    <Paper component="li" withBorder radius="md" p="md" data-current={session.current || undefined}>
      <Group gap="md" wrap="nowrap" align="flex-start">
        <ThemeIcon
          variant="light"
          size="lg"
          radius="md"
          color={session.current ? undefined : 'gray'}
          aria-hidden
        >
          {device.mobile ? <SmartphoneIcon size={20} /> : <DesktopIcon size={20} />}
        </ThemeIcon>
        <Stack gap={2} miw={0} style={{ flex: 1 }}>
          <Group gap="xs" wrap="wrap">
            <Text fw={600}>{title}</Text>
            {session.current && (
              <Badge variant="light" color="green" size="sm">
                {t('profile.devices.current')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed" className="tabular">
            {t('profile.devices.lastSeen', { date: formatDateTime(session.lastSeenAt, locale) })}
          </Text>
          <Text size="sm" c="dimmed" className="tabular">
            {session.ip ? t('profile.devices.ip', { ip: session.ip }) : t('profile.devices.noIp')}
            {' · '}
            {t('profile.devices.since', { date: formatDateTime(session.createdAt, locale) })}
          </Text>
          {signOut.isError && (
            <Text size="sm" c="red.8" role="alert">
              {describeError(t, signOut.error).message}
            </Text>
          )}
        </Stack>
        {!session.current && (
          <Button
            variant="subtle"
            color="red"
            size="sm"
            px="xs"
            loading={signOut.isPending}
            onClick={() => signOut.mutate(session.id, { onSuccess: onSignedOut })}
            aria-label={t('profile.devices.signOutNamed', { device: title })}
            style={{ flexShrink: 0 }}
          >
            {t('profile.devices.signOut')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

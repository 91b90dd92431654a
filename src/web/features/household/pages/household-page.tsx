// /household — who shares the chosen account: members and their roles, pending invitations, an
// invite form for owners, cancelling invitations and removing people (owners) and leaving the
// account (anyone). Viewers and
// members see the same lists read-only.
import {
  Alert,
  Avatar,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Radio,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import type { AccountListItem } from '../../../../shared/api/accounts.ts';
import type { membersResponseSchema } from '../../../../shared/api/household.ts';
import { emailSchema } from '../../../../shared/api/registration.ts';
import { AccountPage } from '../../../components/account-page.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { AlertIcon, CheckIcon, InfoIcon, LockIcon, MailIcon, UsersIcon } from '../../../components/icons.tsx';
import { RoleBadge, roleColors } from '../../../components/role-badge.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { announceAccountChange } from '../../../lib/account-notice.ts';
import { isApiError } from '../../../lib/api-client.ts';
import { ACCOUNT_PARAM } from '../../../lib/current-account.ts';
import { describeError } from '../../../lib/error-message.ts';
import { formatLocalDate } from '../../../lib/format.ts';
import { useSession } from '../../../lib/session.ts';
import {
  useCancelInvitation,
  useInviteMember,
  useLeaveAccount,
  useMembers,
  useRemoveMember,
} from '../api/household.ts';

type Members = z.infer<typeof membersResponseSchema>;
type Member = Members['members'][number];
type Role = Member['role'];
type Invitation = Members['invitations'][number];

export function HouseholdPage() {
  const { t } = useTranslation();
  return (
    <AccountPage title={t('household.title')}>{(account) => <Household account={account} />}</AccountPage>
  );
}

function Household({ account }: { account: AccountListItem }) {
  const { t } = useTranslation();
  const members = useMembers(account.id);
  const isOwner = account.role === 'owner';

  let people: ReactNode;
  if (members.isError && !members.data) {
    people = (
      <ErrorState
        error={members.error}
        onRetry={() => void members.refetch()}
        retrying={members.isFetching}
      />
    );
  } else if (!members.data) {
    people = (
      <Stack gap="sm" aria-busy="true" aria-label={t('common.loading')}>
        <Skeleton h={64} radius="md" />
        <Skeleton h={64} radius="md" />
      </Stack>
    );
  } else {
    people = <MemberList account={account} data={members.data} />;
  }

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
      <Stack gap="lg">
        <SectionCard
          title={t('household.membersTitle')}
          description={t(`household.yourRole.${account.role}`)}
          testId="members"
        >
          {people}
        </SectionCard>
        {members.data && <Invitations account={account} invitations={members.data.invitations} />}
      </Stack>
      <Stack gap="lg">
        {isOwner ? <InviteForm accountId={account.id} /> : <ReadOnlyNote role={account.role} />}
        <RolesExplained />
        <LeaveAccount account={account} members={members.data?.members ?? null} />
      </Stack>
    </SimpleGrid>
  );
}

/** `Анна Демидова` → `АД`; without a name, the e-mail's first letter. */
function initials(member: Member): string {
  const words = (member.name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return member.email.slice(0, 1).toUpperCase();
  return words
    .slice(0, 2)
    .map((word) => word[0])
    .join('')
    .toUpperCase();
}

function MemberList({ account, data }: { account: AccountListItem; data: Members }) {
  const { t } = useTranslation();
  const remove = useRemoveMember(account.id);
  const [confirming, setConfirming] = useState<Member | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const isOwner = account.role === 'owner';
  // Owners first, then members, then viewers; yourself first within a role.
  const order: Role[] = ['owner', 'member', 'viewer'];
  const sorted = [...data.members].sort(
    (a, b) => order.indexOf(a.role) - order.indexOf(b.role) || Number(b.you) - Number(a.you),
  );

  return (
    <Stack gap="sm">
      {removed && (
        <Alert
          color="green"
          variant="light"
          icon={<CheckIcon />}
          role="status"
          withCloseButton
          onClose={() => setRemoved(null)}
          closeButtonLabel={t('common.close')}
        >
          {t('household.removed', { name: removed })}
        </Alert>
      )}
      <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
        {sorted.map((member) => (
          <Paper component="li" key={member.userId} withBorder radius="md" p="sm" data-testid="member">
            <Group gap="sm" wrap="nowrap">
              <Avatar color={roleColors[member.role]} radius="xl" aria-hidden>
                {initials(member)}
              </Avatar>
              <Stack gap={2} miw={0} style={{ flex: 1 }}>
                <Group gap={6} wrap="wrap">
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {member.name ?? member.email}
                  </Text>
                  {member.you && (
                    <Badge variant="outline" color="gray" size="sm">
                      {t('household.you')}
                    </Badge>
                  )}
                </Group>
                {member.name && (
                  <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {member.email}
                  </Text>
                )}
                <Group gap={6}>
                  <RoleBadge role={member.role} />
                </Group>
              </Stack>
              {isOwner && !member.you && (
                <Button
                  variant="subtle"
                  color="red"
                  size="sm"
                  px="xs"
                  onClick={() => setConfirming(member)}
                  aria-label={t('household.removeNamed', { name: member.name ?? member.email })}
                  style={{ flexShrink: 0 }}
                >
                  {t('household.remove')}
                </Button>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>
      <Modal
        opened={confirming !== null}
        onClose={() => {
          setConfirming(null);
          remove.reset();
        }}
        title={t('household.removeTitle')}
        centered
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {confirming && (
          <Stack gap="md">
            <Text>
              {t('household.removeText', {
                name: confirming.name ?? confirming.email,
                number: account.number,
              })}
            </Text>
            {remove.isError && (
              <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
                {describeError(t, remove.error).message}
              </Alert>
            )}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setConfirming(null)} disabled={remove.isPending}>
                {t('profile.cancel')}
              </Button>
              <Button
                color="red"
                loading={remove.isPending}
                onClick={() =>
                  remove.mutate(confirming.userId, {
                    onSuccess: () => {
                      setRemoved(confirming.name ?? confirming.email);
                      setConfirming(null);
                    },
                  })
                }
              >
                {t('household.removeConfirm')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

/**
 * Pending invitations; owners can cancel each one after confirming. Mounted whenever the list is
 * loaded, so that the notice about the last cancelled invitation outlives its row.
 */
function Invitations({ account, invitations }: { account: AccountListItem; invitations: Invitation[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'ru';
  const cancel = useCancelInvitation(account.id);
  const [confirming, setConfirming] = useState<Invitation | null>(null);
  const [cancelled, setCancelled] = useState<string | null>(null);
  const isOwner = account.role === 'owner';
  // Already accepted or cancelled elsewhere: the list refreshes, nothing is left to confirm.
  const gone = isApiError(cancel.error) && cancel.error.code === 'NOT_FOUND';

  if (invitations.length === 0 && !cancelled) return null;

  function close() {
    setConfirming(null);
    cancel.reset();
  }

  return (
    <SectionCard
      title={t('household.invitationsTitle')}
      description={invitations.length > 0 ? t('household.invitationsDescription') : undefined}
      testId="invitations"
    >
      {cancelled && (
        <Alert
          color="green"
          variant="light"
          icon={<CheckIcon />}
          role="status"
          withCloseButton
          onClose={() => setCancelled(null)}
          closeButtonLabel={t('common.close')}
          data-testid="invitation-cancelled"
        >
          {t('household.invitationCancelled', { email: cancelled })}
        </Alert>
      )}
      {invitations.length > 0 && (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {invitations.map((invitation) => (
            <Paper component="li" key={invitation.id} withBorder radius="md" p="sm" data-testid="invitation">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <Avatar radius="xl" color="gray" variant="light" aria-hidden>
                  <MailIcon size={18} />
                </Avatar>
                <Stack gap={2} miw={0} style={{ flex: 1 }}>
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {invitation.email}
                  </Text>
                  {/* The action sits under the address, so a long e-mail keeps the whole width. */}
                  <Group gap={6} justify="space-between" wrap="wrap">
                    <Group gap={6}>
                      <RoleBadge role={invitation.role} />
                      <Text size="sm" c="dimmed" className="tabular">
                        {t('household.validUntil', { date: formatLocalDate(invitation.expiresAt, locale) })}
                      </Text>
                    </Group>
                    {isOwner && (
                      <Button
                        variant="subtle"
                        color="red"
                        size="compact-sm"
                        ml="auto"
                        onClick={() => {
                          cancel.reset();
                          setConfirming(invitation);
                        }}
                        loading={cancel.isPending && cancel.variables === invitation.id}
                        aria-label={t('household.cancelInvitationFor', { email: invitation.email })}
                      >
                        {t('household.cancelInvitation')}
                      </Button>
                    )}
                  </Group>
                </Stack>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <Modal
        opened={confirming !== null}
        onClose={close}
        title={t('household.cancelInvitationTitle')}
        centered
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {confirming && (
          <Stack gap="md">
            <Text style={{ overflowWrap: 'anywhere' }}>
              {t('household.cancelInvitationText', { email: confirming.email })}
            </Text>
            {cancel.isError && (
              <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
                {gone ? t('household.cancelInvitationGone') : describeError(t, cancel.error).message}
              </Alert>
            )}
            <Group justify="flex-end" gap="sm">
              {gone ? (
                <Button onClick={close}>{t('common.close')}</Button>
              ) : (
                <>
                  <Button variant="default" onClick={close} disabled={cancel.isPending}>
                    {t('household.cancelInvitationKeep')}
                  </Button>
                  <Button
                    color="red"
                    loading={cancel.isPending}
                    onClick={() =>
                      cancel.mutate(confirming.id, {
                        onSuccess: () => {
                          setCancelled(confirming.email);
                          setConfirming(null);
                        },
                      })
                    }
                  >
                    {t('household.cancelInvitationConfirm')}
                  </Button>
                </>
              )}
            </Group>
          </Stack>
        )}
      </Modal>
    </SectionCard>
  );
}

function InviteForm({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const invite = useInviteMember(accountId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'member' | 'viewer'>('member');
  const [emailError, setEmailError] = useState<string>();
  const [sentTo, setSentTo] = useState<string | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = emailSchema.safeParse(email);
    if (!parsed.success) {
      setEmailError(email.trim() ? t('auth.emailInvalid') : t('auth.emailRequired'));
      return;
    }
    if (parsed.data.toLowerCase() === session.user.email.toLowerCase()) {
      setEmailError(t('household.inviteSelf'));
      return;
    }
    setEmailError(undefined);
    setSentTo(null);
    invite.mutate(
      { email: parsed.data, role },
      {
        onSuccess: () => {
          setSentTo(parsed.data);
          setEmail('');
        },
        onError: (error) => {
          if (isApiError(error) && error.code === 'VALIDATION_FAILED') setEmailError(t('auth.emailInvalid'));
        },
      },
    );
  }

  const generalError =
    invite.error && !(isApiError(invite.error) && invite.error.code === 'VALIDATION_FAILED')
      ? describeError(t, invite.error).message
      : null;

  return (
    <SectionCard
      title={t('household.inviteTitle')}
      description={t('household.inviteDescription')}
      testId="invite-form"
    >
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          {sentTo && (
            <Alert color="green" variant="light" icon={<CheckIcon />} role="status" data-testid="invite-sent">
              {t('household.inviteSent', { email: sentTo })}
            </Alert>
          )}
          {generalError && (
            <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
              {generalError}
            </Alert>
          )}
          <TextInput
            label={t('household.inviteEmail')}
            name="invite-email"
            type="email"
            inputMode="email"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            size="md"
            required
            value={email}
            onChange={(event) => {
              setEmail(event.currentTarget.value);
              setEmailError(undefined);
            }}
            error={emailError}
          />
          <Radio.Group
            size="md"
            label={t('household.inviteRole')}
            value={role}
            onChange={(value) => setRole(value === 'viewer' ? 'viewer' : 'member')}
          >
            <Stack gap="xs" mt="xs">
              {(['member', 'viewer'] as const).map((option) => (
                <Radio.Card key={option} value={option} radius="md" p="sm">
                  <Group wrap="nowrap" align="flex-start" gap="sm">
                    <Radio.Indicator mt={2} />
                    <Stack gap={0}>
                      <Text fw={600} size="sm">
                        {t(`household.roles.${option}.name`)}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {t(`household.roles.${option}.description`)}
                      </Text>
                    </Stack>
                  </Group>
                </Radio.Card>
              ))}
            </Stack>
          </Radio.Group>
          <Group>
            <Button type="submit" size="md" loading={invite.isPending} leftSection={<MailIcon size={18} />}>
              {t('household.inviteSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}

function ReadOnlyNote({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" data-testid="read-only-note">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <LockIcon size={20} color="var(--mantine-color-dimmed)" style={{ flexShrink: 0, marginTop: 2 }} />
        <Stack gap={4}>
          <Text fw={600}>{t('household.readOnlyTitle')}</Text>
          <Text size="sm" c="dimmed">
            {t(`household.readOnlyText.${role === 'viewer' ? 'viewer' : 'member'}`)}
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}

function RolesExplained() {
  const { t } = useTranslation();
  const roles: Role[] = ['owner', 'member', 'viewer'];
  return (
    <SectionCard title={t('household.rolesTitle')}>
      <Stack component="dl" gap="md" m={0}>
        {roles.map((role) => (
          <Stack key={role} gap={4}>
            <Text component="dt" lh={1}>
              <RoleBadge role={role} />
            </Text>
            <Text component="dd" size="sm" m={0}>
              {t(`household.roles.${role}.description`)}
            </Text>
          </Stack>
        ))}
      </Stack>
    </SectionCard>
  );
}

function LeaveAccount({ account, members }: { account: AccountListItem; members: Member[] | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = members?.find((member) => member.you) ?? null;
  const session = useSession();
  // Straight to another account, if any: the dashboard never asks for the one just left.
  const nextAccount = session.accounts.find((item) => item.id !== account.id) ?? null;
  const leave = useLeaveAccount(account.id, () => {
    announceAccountChange({ kind: 'left', number: account.number });
    return navigate(nextAccount ? `/?${ACCOUNT_PARAM}=${encodeURIComponent(nextAccount.id)}` : '/', {
      replace: true,
    });
  });
  const [opened, setOpened] = useState(false);
  const owners = members?.filter((member) => member.role === 'owner').length ?? 0;
  const lastOwner = account.role === 'owner' && owners === 1 && (members?.length ?? 0) > 1;

  return (
    <SectionCard title={t('household.leaveTitle')} description={t('household.leaveDescription')}>
      <Group>
        <Button
          variant="light"
          color="red"
          onClick={() => setOpened(true)}
          disabled={!me}
          leftSection={<UsersIcon size={18} />}
        >
          {t('household.leave')}
        </Button>
      </Group>
      <Modal
        opened={opened}
        onClose={() => {
          setOpened(false);
          leave.reset();
        }}
        title={t('household.leaveConfirmTitle', { number: account.number })}
        centered
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="md">
          <Text>{t('household.leaveConfirmText')}</Text>
          {lastOwner && (
            <Alert color="yellow" variant="light" icon={<InfoIcon />}>
              {t('household.leaveLastOwner')}
            </Alert>
          )}
          {leave.isError && (
            <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
              {describeError(t, leave.error).message}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setOpened(false)} disabled={leave.isPending}>
              {t('profile.cancel')}
            </Button>
            <Button color="red" loading={leave.isPending} onClick={() => me && leave.mutate(me.userId)}>
              {t('household.leaveConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </SectionCard>
  );
}

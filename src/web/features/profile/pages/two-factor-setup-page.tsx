// /profile/two-factor — turning on two-factor authentication: scan the QR code (or type the key),
// confirm with a code from the app, then save the ten recovery codes, which are shown only once.
import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Checkbox,
  CopyButton,
  Group,
  Image,
  List,
  Paper,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ErrorState } from '../../../components/error-state.tsx';
import { AlertIcon, CheckIcon, CopyIcon, DownloadIcon, ShieldIcon } from '../../../components/icons.tsx';
import { StatusPanel } from '../../../components/status-panel.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { describeError } from '../../../lib/error-message.ts';
import { readLoginState } from '../../../lib/login-state.ts';
import { SECURITY_PATH } from '../../../lib/paths.ts';
import { meQueryKey, useSession } from '../../../lib/session.ts';
import { useEnableTwoFactor, useStartTwoFactorSetup } from '../api/two-factor.ts';

export function TwoFactorSetupPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('twoFactorSetup.title')} — ${t('common.appName')}`);
  const session = useSession();
  const location = useLocation();
  // Staff arrive here right after login; afterwards they continue where they were going.
  const next = readLoginState(location.state).from ?? SECURITY_PATH;
  const setup = useStartTwoFactorSetup();
  const enable = useEnableTwoFactor();
  const alreadyOn = session.twoFactor.enabled && !enable.data;

  // One secret per visit: StrictMode's second effect run must not ask for another.
  const started = useRef(false);
  useEffect(() => {
    if (started.current || alreadyOn) return;
    started.current = true;
    setup.mutate();
  }, [alreadyOn, setup.mutate]);

  let content: React.ReactNode;
  if (enable.data) {
    content = <RecoveryCodes codes={enable.data.recoveryCodes} email={session.user.email} next={next} />;
  } else if (alreadyOn) {
    content = (
      <StatusPanel
        tone="success"
        icon={<ShieldIcon size={26} />}
        title={t('twoFactorSetup.alreadyOnTitle')}
        actions={
          <Button component={Link} to={SECURITY_PATH} size="md">
            {t('twoFactorSetup.toSecurity')}
          </Button>
        }
      >
        <Text>{t('twoFactorSetup.alreadyOnText')}</Text>
      </StatusPanel>
    );
  } else if (setup.isError) {
    content = (
      <ErrorState
        title={t('twoFactorSetup.startFailed')}
        error={setup.error}
        onRetry={() => setup.mutate()}
        retrying={setup.isPending}
      />
    );
  } else {
    content = (
      <ScanAndConfirm
        secret={setup.data?.secret ?? null}
        uri={setup.data?.otpauthUri ?? null}
        enable={(code, handlers) => enable.mutate(code, handlers)}
        pending={enable.isPending}
        error={enable.error}
      />
    );
  }

  return (
    <Stack gap="lg" maw={720}>
      <Stack gap={4}>
        {!enable.data && (
          <Anchor component={Link} to={SECURITY_PATH} size="sm">
            ← {t('twoFactorSetup.back')}
          </Anchor>
        )}
        <Title order={1} fz={{ base: 24, sm: 30 }}>
          {t('twoFactorSetup.title')}
        </Title>
        {!enable.data && !alreadyOn && <Text c="dimmed">{t('twoFactorSetup.subtitle')}</Text>}
      </Stack>
      {session.twoFactor.required && !session.twoFactor.enabled && !enable.data && (
        <Alert
          color="yellow"
          variant="light"
          icon={<AlertIcon />}
          title={t('profile.twoFactor.requiredTitle')}
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
          data-testid="two-factor-required"
        >
          {t('profile.twoFactor.requiredText')}
        </Alert>
      )}
      {content}
    </Stack>
  );
}

interface ScanAndConfirmProps {
  secret: string | null;
  uri: string | null;
  enable: (code: string, handlers: { onError: (error: unknown) => void }) => void;
  pending: boolean;
  error: unknown;
}

function ScanAndConfirm({ secret, uri, enable, pending, error }: ScanAndConfirmProps) {
  const { t } = useTranslation();
  const [qr, setQr] = useState<string | null>(null);
  const [qrFailed, setQrFailed] = useState(false);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string>();
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!uri) return;
    let cancelled = false;
    // Loaded only here: no other page needs the QR encoder.
    import('qrcode')
      .then((qrcode) => qrcode.toDataURL(uri, { margin: 1, width: 480, errorCorrectionLevel: 'M' }))
      .then((url) => {
        if (!cancelled) setQr(url);
      })
      .catch(() => {
        if (!cancelled) setQrFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [uri]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setCodeError(digits ? t('auth.twoFactor.codeFormat') : t('auth.twoFactor.codeRequired'));
      codeRef.current?.focus();
      return;
    }
    setCodeError(undefined);
    enable(digits, {
      onError: (failure) => {
        if (isApiError(failure) && failure.code === 'TOTP_INVALID') {
          setCodeError(t('twoFactorSetup.codeInvalid'));
          setCode('');
          codeRef.current?.focus();
        }
      },
    });
  }

  const generalError =
    error && !(isApiError(error) && error.code === 'TOTP_INVALID') ? describeError(t, error).message : null;
  const groupedSecret = secret?.match(/.{1,4}/g)?.join(' ') ?? '';

  return (
    <Paper withBorder p={{ base: 'md', sm: 'xl' }}>
      <Stack gap="xl">
        <Stack gap="md">
          <StepHeading number={1} title={t('twoFactorSetup.step1Title')} />
          <List type="ordered" spacing="xs" size="sm" pl={4}>
            <List.Item>{t('twoFactorSetup.installApp')}</List.Item>
            <List.Item>{t('twoFactorSetup.scan')}</List.Item>
          </List>
          <Group align="flex-start" gap="xl" wrap="wrap">
            <Center
              w={208}
              h={208}
              bg="white"
              style={{
                border: '1px solid var(--mantine-color-gray-3)',
                borderRadius: 'var(--mantine-radius-md)',
              }}
              data-testid="totp-qr"
            >
              {qr ? (
                <Image src={qr} alt={t('twoFactorSetup.qrAlt')} w={192} h={192} />
              ) : qrFailed ? (
                <Text size="sm" c="dimmed" ta="center" p="sm">
                  {t('twoFactorSetup.qrFailed')}
                </Text>
              ) : (
                <Skeleton w={192} h={192} aria-label={t('common.loading')} />
              )}
            </Center>
            <Stack gap="xs" style={{ flex: '1 1 220px' }} miw={0}>
              <Text size="sm" fw={600}>
                {t('twoFactorSetup.manualTitle')}
              </Text>
              <Text size="sm" c="dimmed">
                {t('twoFactorSetup.manualText')}
              </Text>
              {secret ? (
                <Stack gap={6} align="flex-start">
                  <Box
                    component="code"
                    ff="monospace"
                    fz="lg"
                    fw={600}
                    px="sm"
                    py={6}
                    bg="var(--mantine-color-gray-0)"
                    style={{ borderRadius: 'var(--mantine-radius-sm)', letterSpacing: 1, maxWidth: '21ch' }}
                    data-testid="totp-secret"
                    aria-label={t('twoFactorSetup.secretLabel')}
                  >
                    {groupedSecret}
                  </Box>
                  <CopyButton value={secret}>
                    {({ copied, copy }) => (
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        onClick={copy}
                        leftSection={copied ? <CheckIcon size={14} /> : <CopyIcon size={14} />}
                      >
                        {copied ? t('common.copied') : t('twoFactorSetup.copyKey')}
                      </Button>
                    )}
                  </CopyButton>
                </Stack>
              ) : (
                <Skeleton h={36} w={240} />
              )}
              <Text size="xs" c="dimmed">
                {t('twoFactorSetup.manualDetails')}
              </Text>
            </Stack>
          </Group>
        </Stack>

        <form onSubmit={handleSubmit} noValidate>
          <Stack gap="md">
            <StepHeading number={2} title={t('twoFactorSetup.step2Title')} />
            {generalError && (
              <Alert color="red" variant="light" icon={<AlertIcon />} role="alert">
                {generalError}
              </Alert>
            )}
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                ref={codeRef}
                label={t('auth.twoFactor.codeLabel')}
                description={t('twoFactorSetup.codeDescription')}
                name="one-time-code"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]*"
                maxLength={7}
                placeholder="123456"
                size="md"
                required
                value={code}
                onChange={(event) => {
                  setCode(event.currentTarget.value);
                  setCodeError(undefined);
                }}
                error={codeError}
                w={{ base: '100%', xs: 260 }}
                styles={{ input: { fontVariantNumeric: 'tabular-nums', letterSpacing: 4 } }}
              />
            </Group>
            <Group>
              <Button type="submit" size="md" loading={pending} disabled={!secret}>
                {t('twoFactorSetup.enable')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}

function StepHeading({ number, title }: { number: number; title: string }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <Center
        w={28}
        h={28}
        bg="var(--mantine-primary-color-light)"
        c="var(--mantine-primary-color-light-color)"
        fw={700}
        style={{ borderRadius: '50%', flexShrink: 0 }}
        aria-hidden
      >
        {number}
      </Center>
      <Title order={2} fz={{ base: 18, sm: 20 }}>
        {title}
      </Title>
    </Group>
  );
}

function RecoveryCodes({ codes, email, next }: { codes: string[]; email: string; next: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const [savedError, setSavedError] = useState<string>();
  const [finishing, setFinishing] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const text = `${t('twoFactorSetup.fileHeader', { email })}\n\n${codes.join('\n')}\n`;

  useEffect(() => {
    headingRef.current?.focus();
    // Leaving this screen in any way: the session must learn that two-factor is on now.
    return () => void queryClient.invalidateQueries({ queryKey: meQueryKey });
  }, [queryClient]);

  function download() {
    const link = document.createElement('a');
    link.href = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;
    link.download = 'abonent-recovery-codes.txt';
    document.body.append(link);
    link.click();
    link.remove();
  }

  async function finish() {
    if (!saved) {
      setSavedError(t('twoFactorSetup.savedRequired'));
      return;
    }
    setFinishing(true);
    // Now the session may learn that two-factor is on (the banner goes, the status turns green).
    await queryClient.invalidateQueries({ queryKey: meQueryKey }).catch(() => undefined);
    await navigate(next, { replace: true });
  }

  return (
    <Paper withBorder p={{ base: 'md', sm: 'xl' }} data-testid="recovery-codes-panel">
      <Stack gap="lg">
        <Alert color="green" variant="light" icon={<CheckIcon />} role="status">
          {t('twoFactorSetup.enabled')}
        </Alert>
        <Stack gap={4}>
          <Title
            order={2}
            fz={{ base: 18, sm: 20 }}
            ref={headingRef}
            tabIndex={-1}
            style={{ outline: 'none' }}
          >
            {t('twoFactorSetup.codesTitle')}
          </Title>
          <Text size="sm">{t('twoFactorSetup.codesText')}</Text>
          <Text size="sm" fw={600}>
            {t('twoFactorSetup.codesOnce')}
          </Text>
        </Stack>
        <Box
          component="ol"
          data-testid="recovery-codes"
          aria-label={t('twoFactorSetup.codesTitle')}
          p="md"
          m={0}
          bg="var(--mantine-color-gray-0)"
          style={{
            borderRadius: 'var(--mantine-radius-md)',
            listStyle: 'none',
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(9.5rem, 1fr))',
            gap: 'var(--mantine-spacing-xs) var(--mantine-spacing-lg)',
          }}
        >
          {codes.map((code) => (
            <Text component="li" key={code} ff="monospace" fz="lg" fw={600} className="tabular">
              {code}
            </Text>
          ))}
        </Box>
        <Group gap="sm">
          <CopyButton value={codes.join('\n')}>
            {({ copied, copy }) => (
              <Button
                variant="default"
                onClick={copy}
                leftSection={copied ? <CheckIcon size={16} /> : <CopyIcon size={16} />}
              >
                {copied ? t('common.copied') : t('twoFactorSetup.copyCodes')}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={download} leftSection={<DownloadIcon size={16} />}>
            {t('twoFactorSetup.downloadCodes')}
          </Button>
        </Group>
        <Checkbox
          size="md"
          label={t('twoFactorSetup.savedLabel')}
          checked={saved}
          onChange={(event) => {
            setSaved(event.currentTarget.checked);
            setSavedError(undefined);
          }}
          error={savedError}
        />
        <Group>
          <Button size="md" onClick={() => void finish()} loading={finishing}>
            {t('twoFactorSetup.done')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

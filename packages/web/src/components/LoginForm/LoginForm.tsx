import {
  type LoginInput,
  LoginInputSchema,
  type SessionInfo,
  type TotpCodeInput,
  TotpCodeInputSchema,
} from '@ctip/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Anchor,
  Button,
  Code,
  Image,
  Loader,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type ReactElement, useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { setCsrfToken } from '../../api/client';
import { authApi, type MfaEnrollment } from '../../api/endpoints';
import { errorText } from '../../i18n/errors';
import { translated } from '../../i18n/resolver';
import { PasswordField } from '../PasswordField/PasswordField';

export type LoginStep = 'password' | 'mfa' | 'enroll';

export type LoginFormProps = {
  /** Called with every session answer (also the intermediate ones), to keep the cache in step. */
  onSession?: (session: SessionInfo) => void;
  /** Called once the session is complete. */
  onComplete: (session: SessionInfo) => void;
  /** Where to start, when a session already passed the password step (page reload). */
  initialStep?: LoginStep;
};

function stepOf(session: SessionInfo): LoginStep | 'complete' {
  switch (session.stage) {
    case 'complete':
      return 'complete';
    case 'mfa_required':
      return 'mfa';
    case 'mfa_enrollment_required':
      return 'enroll';
  }
}

/** Sign-in in up to three steps: password, then a second-factor code or second-factor enrolment. */
export function LoginForm({
  onSession,
  onComplete,
  initialStep = 'password',
}: LoginFormProps): ReactElement {
  const [step, setStep] = useState<LoginStep>(initialStep);

  function handleSession(session: SessionInfo): void {
    setCsrfToken(session.csrfToken);
    onSession?.(session);
    const next = stepOf(session);
    if (next === 'complete') {
      onComplete(session);
    } else {
      setStep(next);
    }
  }

  function handleRestart(): void {
    authApi.logout().catch(() => {});
    setCsrfToken(null);
    setStep('password');
  }

  if (step === 'password') {
    return <PasswordStep onSession={handleSession} />;
  }
  if (step === 'mfa') {
    return <CodeStep mode="verify" onSession={handleSession} onRestart={handleRestart} />;
  }
  return <EnrollStep onSession={handleSession} onRestart={handleRestart} />;
}

function PasswordStep({ onSession }: { onSession: (s: SessionInfo) => void }): ReactElement {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<LoginInput>({
    resolver: translated(zodResolver(LoginInputSchema)),
    defaultValues: { username: '', password: '' },
  });

  async function submit(values: LoginInput): Promise<void> {
    setFailure(null);
    try {
      onSession(await authApi.login(values));
    } catch (err) {
      setFailure(err);
    }
  }

  return (
    <form onSubmit={handleSubmit(submit)} noValidate aria-labelledby="login-title">
      <Stack>
        <Title order={2} id="login-title" size="h3">
          {t('login.title')}
        </Title>
        <TextInput
          label={t('login.username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          data-testid="login-username"
          error={errors.username?.message}
          {...register('username')}
        />
        <PasswordField
          label={t('login.password')}
          autoComplete="current-password"
          data-testid="login-password"
          error={errors.password?.message}
          {...register('password')}
        />
        {failure ? (
          <Alert color="red" role="alert" data-testid="login-error">
            {errorText(t, failure)}
          </Alert>
        ) : null}
        <Button type="submit" loading={isSubmitting} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}

type CodeStepProps = {
  mode: 'verify' | 'confirm';
  onSession: (s: SessionInfo) => void;
  onRestart: () => void;
};

function CodeStep({ mode, onSession, onRestart }: CodeStepProps): ReactElement {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<TotpCodeInput>({
    resolver: translated(zodResolver(TotpCodeInputSchema)),
    defaultValues: { code: '' },
  });

  async function submit(values: TotpCodeInput): Promise<void> {
    setFailure(null);
    try {
      const session =
        mode === 'verify' ? await authApi.verifyMfa(values) : await authApi.confirmMfa(values);
      onSession(session);
    } catch (err) {
      setFailure(err);
      reset({ code: '' });
    }
  }

  return (
    <form onSubmit={handleSubmit(submit)} noValidate>
      <Stack>
        {mode === 'verify' ? (
          <>
            <Title order={2} size="h3">
              {t('login.mfaTitle')}
            </Title>
            <Text>{t('login.mfaHelp')}</Text>
          </>
        ) : null}
        <TextInput
          label={t('login.mfaCode')}
          description={t('login.mfaCodeHint')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          autoFocus
          data-testid="mfa-code"
          error={errors.code?.message}
          {...register('code')}
        />
        {failure ? (
          <Alert color="red" role="alert" data-testid="login-error">
            {errorText(t, failure)}
          </Alert>
        ) : null}
        <Button type="submit" loading={isSubmitting} data-testid="mfa-submit">
          {mode === 'verify' ? t('login.verify') : t('login.enrollConfirm')}
        </Button>
        <Anchor component="button" type="button" onClick={onRestart} size="sm">
          {t('login.restart')}
        </Anchor>
      </Stack>
    </form>
  );
}

function EnrollStep({
  onSession,
  onRestart,
}: {
  onSession: (s: SessionInfo) => void;
  onRestart: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const [enrollment, setEnrollment] = useState<MfaEnrollment | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  // Each enrol call makes a new secret: ask once, even when effects run twice (StrictMode).
  const requested = useRef(false);

  useEffect(() => {
    if (requested.current) {
      return;
    }
    requested.current = true;
    authApi.enrollMfa().then(setEnrollment, setFailure);
  }, []);

  useEffect(() => {
    if (!enrollment) {
      return;
    }
    let live = true;
    import('qrcode')
      .then((qrcode) => qrcode.toDataURL(enrollment.otpauthUri, { margin: 1, width: 220 }))
      .then((url) => {
        if (live) {
          setQr(url);
        }
      })
      .catch(() => {
        // The secret below is enough to enrol; a missing picture is not fatal.
      });
    return () => {
      live = false;
    };
  }, [enrollment]);

  return (
    <Stack>
      <Title order={2} size="h3">
        {t('login.enrollTitle')}
      </Title>
      <Text>{t('login.enrollHelp')}</Text>
      {failure ? (
        <Alert color="red" role="alert">
          {errorText(t, failure)}
        </Alert>
      ) : null}
      {enrollment ? (
        <>
          {qr ? (
            <Image src={qr} alt={t('login.qrAlt')} w={220} h={220} data-testid="mfa-qr" />
          ) : (
            <Loader />
          )}
          <Text size="sm">{t('login.enrollSecret')}</Text>
          <Code block data-testid="mfa-secret">
            {enrollment.secret}
          </Code>
          <CodeStep mode="confirm" onSession={onSession} onRestart={onRestart} />
        </>
      ) : failure ? null : (
        <Loader />
      )}
    </Stack>
  );
}

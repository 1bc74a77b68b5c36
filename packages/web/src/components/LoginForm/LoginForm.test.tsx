import type { SessionInfo } from '@ctip/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { LoginForm } from './LoginForm';

function session(stage: SessionInfo['stage']): SessionInfo {
  return {
    user: {
      id: '00000000-0000-4000-8000-000000000001',
      username: 'somchai',
      displayName: 'Somchai',
      email: null,
      agencyId: '00000000-0000-4000-8000-000000000002',
      agencyName: 'Department of Social Development',
      countryCode: 'TH',
      roleIds: [],
      roleKeys: ['case_worker'],
      locale: 'en',
      calendar: 'buddhist',
      isDisabled: false,
      hasMfa: true,
      lastLoginAt: null,
      createdAt: '2026-01-01T00:00:00Z',
    },
    permissions: [],
    csrfToken: `csrf-${stage}`,
    stage,
    expiresAt: '2026-01-01T08:00:00Z',
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

type Call = { url: string; init: RequestInit | undefined };

function stubFetch(...responses: Response[]): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      const next = responses.shift();
      if (!next) {
        throw new Error(`unexpected request ${url}`);
      }
      return next;
    }),
  );
  return calls;
}

function signIn(): void {
  fireEvent.change(screen.getByTestId('login-username'), { target: { value: 'somchai' } });
  fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'secret-password' } });
  fireEvent.click(screen.getByTestId('login-submit'));
}

describe(LoginForm.name, () => {
  it('labels the credential fields and focuses the username', () => {
    renderWithProviders(<LoginForm onComplete={() => {}} />);
    expect(screen.getByLabelText('Username')).toBe(screen.getByTestId('login-username'));
    expect(screen.getByLabelText('Password')).toBe(screen.getByTestId('login-password'));
    expect(document.activeElement).toBe(screen.getByTestId('login-username'));
  });

  it('asks for the second factor when the API answers mfa_required', async () => {
    const calls = stubFetch(json(200, session('mfa_required')), json(200, session('complete')));
    const onComplete = vi.fn();
    renderWithProviders(<LoginForm onComplete={onComplete} />);

    // First, the password step answers that a code is still owed.
    signIn();
    const code = await screen.findByTestId('mfa-code');
    expect(screen.queryByTestId('login-password')).toBeNull();
    expect(calls[0]?.url).toBe('/api/auth/login');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({
      username: 'somchai',
      password: 'secret-password',
    });

    // Then the code is sent with the CSRF token of the half-open session.
    fireEvent.change(code, { target: { value: '123456' } });
    fireEvent.click(screen.getByTestId('mfa-submit'));
    await waitFor(() => expect(onComplete).toHaveBeenCalledTimes(1));
    expect(calls[1]?.url).toBe('/api/auth/mfa/verify');
    expect(new Headers(calls[1]?.init?.headers).get('X-CSRF-Token')).toBe('csrf-mfa_required');
    expect(onComplete.mock.calls[0]?.[0]).toMatchObject({ stage: 'complete' });
  });

  it('rejects a code that is not six digits without calling the API', async () => {
    const calls = stubFetch();
    renderWithProviders(<LoginForm onComplete={() => {}} initialStep="mfa" />);
    fireEvent.change(screen.getByTestId('mfa-code'), { target: { value: '12ab' } });
    fireEvent.click(screen.getByTestId('mfa-submit'));
    expect(await screen.findByText('The format is not valid.')).toBeTruthy();
    expect(calls).toHaveLength(0);
  });

  it('shows the enrolment step with a QR code and the secret', async () => {
    stubFetch(
      json(200, session('mfa_enrollment_required')),
      json(200, {
        secret: 'JBSWY3DPEHPK3PXP',
        otpauthUri: 'otpauth://totp/CTIP:somchai?secret=JBSWY3DPEHPK3PXP',
      }),
    );
    renderWithProviders(<LoginForm onComplete={() => {}} />);
    signIn();
    expect((await screen.findByTestId('mfa-secret')).textContent).toBe('JBSWY3DPEHPK3PXP');
    const qr = await screen.findByAltText('QR code for your authenticator app');
    expect(qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(screen.getByTestId('mfa-code')).toBeTruthy();
  });

  it('translates a wrong password by error code', async () => {
    stubFetch(json(401, { error: { code: 'INVALID_CREDENTIALS', message: 'nope' } }));
    renderWithProviders(<LoginForm onComplete={() => {}} />);
    signIn();
    expect((await screen.findByTestId('login-error')).textContent).toBe(
      'The username or password (or code) is not correct.',
    );
  });

  it('says how long a locked account must wait', async () => {
    stubFetch(
      json(423, {
        error: { code: 'ACCOUNT_LOCKED', message: 'locked', details: { retryAfterSeconds: 900 } },
      }),
    );
    renderWithProviders(<LoginForm onComplete={() => {}} />);
    signIn();
    expect((await screen.findByTestId('login-error')).textContent).toContain('15 minutes');
  });
});

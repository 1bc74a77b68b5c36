import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, parseApiError, setCsrfToken, withQuery } from './client';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

function stubFetch(response: Response) {
  const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => response);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe(parseApiError.name, () => {
  it('reads code, message, field and details', () => {
    const err = parseApiError(423, {
      error: {
        code: 'ACCOUNT_LOCKED',
        message: 'locked',
        field: 'username',
        details: { retryAfterSeconds: 60 },
      },
    });
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 423, code: 'ACCOUNT_LOCKED', field: 'username' });
    expect(err.details).toEqual({ retryAfterSeconds: 60 });
  });

  it('maps unknown codes and bodies to UNKNOWN_ERROR', () => {
    expect(parseApiError(500, { error: { code: 'BOOM', message: 'x' } }).code).toBe(
      'UNKNOWN_ERROR',
    );
    expect(parseApiError(502, 'Bad gateway').code).toBe('UNKNOWN_ERROR');
  });
});

describe('api', () => {
  it('sends the CSRF token on unsafe methods only, with the session cookie', async () => {
    setCsrfToken('tok');
    const fetchMock = stubFetch(new Response(null, { status: 204 }));
    await api.post('/api/auth/logout');
    await api.get('/api/users');
    const [postInit, getInit] = fetchMock.mock.calls.map((c) => c[1]);
    expect(new Headers(postInit?.headers).get('X-CSRF-Token')).toBe('tok');
    expect(postInit?.credentials).toBe('same-origin');
    expect(new Headers(getInit?.headers).get('X-CSRF-Token')).toBeNull();
  });

  it('throws an ApiError parsed from the body', async () => {
    stubFetch(
      new Response(JSON.stringify({ error: { code: 'CONFLICT', message: 'in use' } }), {
        status: 409,
      }),
    );
    await expect(api.delete('/api/agencies/1')).rejects.toMatchObject({
      status: 409,
      code: 'CONFLICT',
    });
  });

  it('turns a network failure into NETWORK_ERROR', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.get('/api/users')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });

  it('leaves empty query values out', () => {
    expect(withQuery('/api/users', { page: 2, q: '', agencyId: undefined })).toBe(
      '/api/users?page=2',
    );
  });
});

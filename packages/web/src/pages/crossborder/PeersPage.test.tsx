import type { SessionInfo } from '@ctip/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SESSION_QUERY_KEY } from '../../auth/session';
import type { Peer } from '../../components/crossborder/federation/federation.api';
import { renderWithProviders, testQueryClient } from '../../test/render';
import { PeersPage } from './PeersPage';

// Textarea autosize listens to font loading, which happy-dom lacks.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => {}, removeEventListener: () => {} },
  });
}

const KEY = { kty: 'OKP', crv: 'Ed25519', x: 'c2lnbmluZy1rZXktb2YtdGhlLXBlZXItbm9kZS0wMDA' };
const ENC = { kty: 'OKP', crv: 'X25519', x: 'ZW5jcnlwdGlvbi1rZXktb2YtdGhlLXBlZXItbm9kZS0w' };
const NODE = {
  kind: 'ctip-node-public-identity',
  nodeId: 'th-node',
  name: 'Thailand',
  countries: ['TH'],
  url: 'https://th.example.org',
  signingKey: KEY,
  encryptionKey: ENC,
};
const PEER: Peer = {
  nodeId: 'kh-node',
  name: 'Cambodia',
  url: 'https://kh.example.org',
  countries: ['KH'],
  isActive: true,
  signingKey: KEY,
  encryptionKey: ENC,
  addedAt: '2026-11-30T00:00:00Z',
  lastContactAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  lastSuccessAt: null,
  lastFailureAt: new Date().toISOString(),
  lastError: 'unreachable: TypeError',
  consecutiveFailures: 4,
  queueDepth: 7,
  oldestPendingAt: new Date(Date.now() - 3_600_000).toISOString(),
  oldestPendingAgeSeconds: 3600,
  rejectedByPeer: 1,
  rejectedByUs: 2,
  health: 'down',
};
const MESSAGE = {
  id: '00000000-0000-4000-8000-0000000000f1',
  direction: 'out',
  peer: 'kh-node',
  kind: 'referral.offer',
  ref: '00000000-0000-4000-8000-0000000000f2',
  fromRole: 'Sender',
  seq: 1,
  status: 'Pending',
  attempts: 3,
  error: 'unreachable: TypeError',
  createdAt: new Date(Date.now() - 60_000).toISOString(),
  doneAt: null,
  nextAttemptAt: new Date().toISOString(),
};

function session(roleKeys: string[], update: boolean) {
  const queryClient = testQueryClient();
  queryClient.setQueryData(SESSION_QUERY_KEY, {
    user: {
      id: '00000000-0000-4000-8000-000000000001',
      username: 'th.admin',
      displayName: 'Admin',
      email: null,
      agencyId: '00000000-0000-4000-8000-0000000000a1',
      agencyName: 'MSDHS',
      countryCode: 'TH',
      roleIds: [],
      roleKeys,
      locale: 'en',
      calendar: 'gregory',
      isDisabled: false,
      hasMfa: true,
      lastLoginAt: null,
      createdAt: '2026-01-01T00:00:00Z',
    },
    permissions: [
      { resource: 'federation', action: 'read', scope: 'country' },
      ...(update ? [{ resource: 'federation', action: 'update', scope: 'country' }] : []),
    ],
    csrfToken: 'x',
    stage: 'complete',
    expiresAt: '2026-12-31T00:00:00Z',
  } as SessionInfo);
  return queryClient;
}

function stubApi(calls: string[], onPost?: (url: string, body: unknown) => Response | null) {
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    calls.push(`${method} ${url}`);
    const json = (b: unknown, status = 200) => new Response(JSON.stringify(b), { status });
    if (method !== 'GET') {
      const custom = onPost?.(url, init?.body ? JSON.parse(String(init.body)) : null);
      if (custom) {
        return custom;
      }
      return json(url.endsWith('/ping') ? { messageId: MESSAGE.id } : PEER, 200);
    }
    if (url.startsWith('/api/federation/node')) {
      return json(NODE);
    }
    if (url.startsWith('/api/federation/peers')) {
      return json([PEER]);
    }
    if (url.startsWith('/api/federation/messages')) {
      return json([MESSAGE]);
    }
    if (url.startsWith('/api/reference/countries')) {
      return json({ items: [] });
    }
    return json({ error: { code: 'NOT_FOUND', message: 'no' } }, 404);
  });
}

describe(PeersPage.name, () => {
  it('shows this node, the peers with their health, and the messages; pings and retries', async () => {
    const calls: string[] = [];
    stubApi(calls);
    renderWithProviders(<PeersPage />, { queryClient: session(['national_admin'], true) });
    expect((await screen.findByTestId('identity-json')).textContent).toContain(
      '"nodeId": "th-node"',
    );
    const table = await screen.findByTestId('peer-table');
    await within(table).findAllByText('Cambodia');
    expect(within(table).getAllByTestId('health-down')[0]?.textContent).toBe('Down');
    expect(table.textContent).toContain('7');
    expect(table.textContent).toContain('unreachable: TypeError');
    expect(table.textContent).toContain('refused by peer 1 · by us 2');
    expect(table.textContent).toMatch(/5 minutes ago/);
    fireEvent.click(screen.getAllByTestId('ping-kh-node')[0] as HTMLElement);
    await waitFor(() => expect(calls).toContain('POST /api/federation/peers/kh-node/ping'));
    const [retry] = await screen.findAllByTestId(`retry-${MESSAGE.id}`);
    fireEvent.click(retry as HTMLElement);
    await waitFor(() =>
      expect(calls).toContain(`POST /api/federation/messages/${MESSAGE.id}/retry`),
    );
  });

  it('asks before deactivating a peer', async () => {
    const calls: string[] = [];
    stubApi(calls);
    renderWithProviders(<PeersPage />, { queryClient: session(['national_admin'], true) });
    fireEvent.click((await screen.findAllByTestId('toggle-kh-node'))[0] as HTMLElement);
    expect(await screen.findByText('Deactivate kh-node?')).toBeTruthy();
    expect(calls.some((c) => c.startsWith('PATCH'))).toBe(false);
    fireEvent.click(screen.getByTestId('confirm-button'));
    await waitFor(() => expect(calls).toContain('PATCH /api/federation/peers/kh-node'));
  });

  it('adds a peer from pasted identity JSON and shows the refused field', async () => {
    const calls: string[] = [];
    const bodies: unknown[] = [];
    stubApi(calls, (url, body) => {
      bodies.push(body);
      return url === '/api/federation/peers'
        ? new Response(
            JSON.stringify({
              error: {
                code: 'INVALID_INPUT',
                message: 'url: must be an http(s) URL',
                field: 'url',
              },
            }),
            { status: 400 },
          )
        : null;
    });
    renderWithProviders(<PeersPage />, { queryClient: session(['national_admin'], true) });
    fireEvent.click(await screen.findByTestId('peer-add'));
    const identity = await screen.findByTestId('peer-identity');
    fireEvent.change(identity, { target: { value: 'not json' } });
    expect(await screen.findByText('This is not a public node identity.')).toBeTruthy();
    fireEvent.change(identity, {
      target: { value: JSON.stringify({ ...NODE, nodeId: 'mm-node', countries: ['MM'] }) },
    });
    await waitFor(() =>
      expect((screen.getByTestId('peer-node-id') as HTMLInputElement).value).toBe('mm-node'),
    );
    fireEvent.click(screen.getByTestId('peer-save'));
    expect(await screen.findByText('Enter an http(s) address.')).toBeTruthy();
    expect(bodies[0]).toMatchObject({ nodeId: 'mm-node', countries: ['MM'], signingKey: KEY });
  });

  it('hides changes from readers (focal points)', async () => {
    stubApi([]);
    renderWithProviders(<PeersPage />, { queryClient: session(['taskforce_focal_point'], false) });
    await within(await screen.findByTestId('peer-table')).findAllByText('Cambodia');
    expect(screen.queryByTestId('peer-add')).toBeNull();
    expect(screen.queryByTestId('ping-kh-node')).toBeNull();
    expect(screen.queryByTestId(`retry-${MESSAGE.id}`)).toBeNull();
  });
});

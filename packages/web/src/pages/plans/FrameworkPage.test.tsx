import type { FrameworkNodeView, FrameworkTree, Permission } from '@ctip/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { sessionClient, stubApi } from '../../components/statistics/shared/fixtures.test-util';
import { renderWithProviders } from '../../test/render';
import { FrameworkPage } from './FrameworkPage';
import { FrameworksPage } from './FrameworksPage';

const READER: Permission[] = [
  { resource: 'plan', action: 'read', scope: 'country' },
  { resource: 'plan_framework', action: 'read', scope: 'region' },
];
const EDITOR: Permission[] = [
  ...READER,
  { resource: 'plan_framework', action: 'create', scope: 'region' },
  { resource: 'plan_framework', action: 'update', scope: 'region' },
];

function node(
  p: Partial<FrameworkNodeView> & Pick<FrameworkNodeView, 'id' | 'kind' | 'code'>,
): FrameworkNodeView {
  return {
    parentId: null,
    title: null,
    description: null,
    isPriority: false,
    activityCodePrefix: null,
    mouSection: null,
    position: 1,
    source: null,
    version: 1,
    targetIds: [],
    mouArticles: [],
    children: [],
    ...p,
  };
}

const AREA = '00000000-0000-4000-8000-000000000401';
const TARGET = '00000000-0000-4000-8000-000000000402';
const ACTIVITY = '00000000-0000-4000-8000-000000000403';

const spa3: FrameworkTree = {
  id: 'SPA3',
  title: 'COMMIT SPA III',
  shortTitle: 'SPA III',
  structure: 'areas',
  periodStart: 2011,
  periodEnd: 2013,
  extendedTo: 2014,
  status: 'Published',
  revision: 1,
  hasUnpublishedChanges: true,
  source: 'seed 001',
  note: null,
  isSeeded: true,
  version: 3,
  nodeCount: 3,
  nodes: [
    node({
      id: AREA,
      kind: 'area',
      code: '1',
      title: 'Policy and Cooperation',
      activityCodePrefix: 'P&C',
      mouArticles: [{ article: 2, textAsListed: 'National plans of action' }],
      children: [
        node({ id: TARGET, kind: 'target', code: '1.1', parentId: AREA, title: 'NPAs in place' }),
        node({
          id: ACTIVITY,
          kind: 'activity',
          code: 'P&C 1',
          parentId: AREA,
          title: 'Support to NPAs',
          isPriority: true,
          targetIds: [TARGET],
        }),
      ],
    }),
  ],
};

function renderPage(permissions: Permission[]) {
  return renderWithProviders(
    <Routes>
      <Route path="/plans/frameworks/:id" element={<FrameworkPage />} />
    </Routes>,
    { route: '/plans/frameworks/SPA3', queryClient: sessionClient(permissions) },
  );
}

describe(FrameworkPage.name, () => {
  it('shows the tree with ★, linked targets, MoU articles and missing descriptions, read-only', async () => {
    stubApi({
      '/api/plans/frameworks/SPA3/revisions': () => [
        {
          revision: 1,
          changeNote: 'SPA III as adopted',
          publishedBy: null,
          publishedAt: '2026-12-01T00:00:00Z',
          nodeCount: 3,
        },
      ],
      '/api/plans/frameworks/SPA3': () => spa3,
    });
    renderPage(READER);
    const tree = await screen.findByTestId('framework-tree');
    const activity = within(tree).getByTestId('node-P&C 1');
    expect(within(activity).getByText('★')).toBeTruthy();
    expect(within(activity).getByText('not given in the source')).toBeTruthy();
    expect(within(activity).getByText('1.1')).toBeTruthy();
    expect(within(tree).getByTestId('mou-1').textContent).toContain(
      'Article 2: National plans of action',
    );
    expect(screen.getByText(/2011–2013, extended to 2014/)).toBeTruthy();
    expect(await screen.findByText('SPA III as adopted')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Publish a revision' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit P&C 1' })).toBeNull();
  });

  it('lets an editor publish a revision with a change note', async () => {
    const calls = stubApi({
      '/api/plans/frameworks/SPA3/publish': () => ({
        ...spa3,
        revision: 2,
        hasUnpublishedChanges: false,
      }),
      '/api/plans/frameworks/SPA3/revisions': () => [],
      '/api/plans/frameworks/SPA3': () => spa3,
    });
    renderPage(EDITOR);
    fireEvent.click(await screen.findByRole('button', { name: 'Publish a revision' }));
    const note = await screen.findByRole('textbox', { name: /Change note/ });
    fireEvent.change(note, { target: { value: 'Target 1.1 reworded' } });
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/publish'))).toBe(true));
    expect(calls.find((c) => c.url.endsWith('/publish'))?.body).toEqual({
      version: 3,
      changeNote: 'Target 1.1 reworded',
    });
  });
});

describe(`${FrameworkPage.name} editing`, () => {
  it('edits a node in place, sending its version and the linked targets', async () => {
    const calls = stubApi({
      [`/api/plans/frameworks/SPA3/nodes/${ACTIVITY}`]: () => spa3.nodes[0]?.children[1],
      '/api/plans/frameworks/SPA3/revisions': () => [],
      '/api/plans/frameworks/SPA3': () => spa3,
    });
    renderPage(EDITOR);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit P&C 1' }));
    const editor = await screen.findByTestId('node-editor');
    fireEvent.change(within(editor).getByRole('textbox', { name: /^Title/ }), {
      target: { value: 'Support to national plans' },
    });
    fireEvent.click(within(editor).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      version: 1,
      code: 'P&C 1',
      title: 'Support to national plans',
      description: null,
      isPriority: true,
      targetIds: [TARGET],
    });
  });
});

describe(FrameworksPage.name, () => {
  it('lists the frameworks and offers create and import to an editor only', async () => {
    stubApi({ '/api/plans/frameworks': () => [{ ...spa3, nodes: undefined }] });
    const { unmount } = renderWithProviders(<FrameworksPage />, {
      route: '/plans',
      queryClient: sessionClient(READER),
    });
    const table = await screen.findByTestId('frameworks-table');
    expect(within(table).getByRole('link', { name: 'SPA III' }).getAttribute('href')).toBe(
      '/plans/frameworks/SPA3',
    );
    expect(screen.queryByTestId('framework-import')).toBeNull();
    unmount();
    renderWithProviders(<FrameworksPage />, {
      route: '/plans',
      queryClient: sessionClient(EDITOR),
    });
    expect(await screen.findByTestId('framework-import')).toBeTruthy();
    expect(screen.getByTestId('framework-create')).toBeTruthy();
  });
});

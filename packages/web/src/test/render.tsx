/**
 * Test helper for component tests: browser APIs happy-dom lacks, the i18n setup in English, and a
 * render() that wraps the UI in the providers the app uses.
 */
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, vi } from 'vitest';
import { i18n } from '../i18n/i18n';

if (typeof window !== 'undefined') {
  if (!window.matchMedia) {
    Object.defineProperty(window, 'matchMedia', {
      writable: true,
      value: (query: string): MediaQueryList =>
        ({
          matches: false,
          media: query,
          onchange: null,
          addListener: () => {},
          removeListener: () => {},
          addEventListener: () => {},
          removeEventListener: () => {},
          dispatchEvent: () => false,
        }) as MediaQueryList,
    });
  }
  if (!('ResizeObserver' in window)) {
    class ResizeObserverStub {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    }
    Object.defineProperty(window, 'ResizeObserver', { writable: true, value: ResizeObserverStub });
  }
  if (!Element.prototype.scrollIntoView) {
    Element.prototype.scrollIntoView = () => {};
  }
}

await i18n.changeLanguage('en');

const unexpectedRequests: string[] = [];

// No test talks to a server: a request nobody stubbed fails the test (tests stub `fetch` themselves
// when they expect calls).
beforeEach(() => {
  unexpectedRequests.length = 0;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    unexpectedRequests.push(String(input));
    throw new TypeError(`unexpected request in a component test: ${String(input)}`);
  });
});

// Vitest globals are off, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  if (unexpectedRequests.length > 0) {
    throw new Error(`unexpected requests: ${unexpectedRequests.join(', ')}`);
  }
});

/** A fresh query client with retries off, for one test. */
export function testQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Number.POSITIVE_INFINITY } },
  });
}

type ProvidersProps = { queryClient: QueryClient; route: string; children: ReactNode };

/** The providers of the app, with a memory router instead of the browser's. */
function Providers({ queryClient, route, children }: ProvidersProps): ReactElement {
  return (
    <MantineProvider>
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={[route]}>{children}</MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}

/** Render inside Mantine, react-query and a memory router. */
export function renderWithProviders(
  ui: ReactElement,
  options: { route?: string; queryClient?: QueryClient } = {},
) {
  const queryClient = options.queryClient ?? testQueryClient();
  const result = render(
    <Providers queryClient={queryClient} route={options.route ?? '/'}>
      {ui}
    </Providers>,
  );
  return { ...result, queryClient };
}

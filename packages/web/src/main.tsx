import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { Center, createTheme, Loader, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { isApiError } from './api/client';
import { applySession } from './auth/session';
import './i18n/i18n';

const FONT_STACK = [
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  'Roboto',
  '"Noto Sans"',
  '"Noto Sans Khmer"',
  '"Noto Sans Lao"',
  '"Noto Sans Myanmar"',
  '"Noto Sans Thai"',
  '"Noto Sans SC"',
  'sans-serif',
].join(', ');

const theme = createTheme({ fontFamily: FONT_STACK, headings: { fontFamily: FONT_STACK } });

function handleExpired(err: unknown): void {
  // Any call answered "not logged in" means the session ended elsewhere: drop it, which sends
  // the user to the login page.
  if (isApiError(err) && err.status === 401 && err.code === 'UNAUTHENTICATED') {
    applySession(queryClient, null);
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: handleExpired }),
  mutationCache: new MutationCache({ onError: handleExpired }),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      retry: (count, err) => (!isApiError(err) || err.status >= 500) && count < 2,
    },
  },
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme}>
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Suspense
              fallback={
                <Center h="100vh">
                  <Loader />
                </Center>
              }
            >
              <App />
            </Suspense>
          </BrowserRouter>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
}

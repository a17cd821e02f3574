import { Suspense } from 'react';
import { RouterProvider } from 'react-router/dom';
import { PageLoader } from '@/ui/PageLoader';
import { Providers } from './providers';
import { router } from './router';

export function App() {
  return (
    <Providers>
      {/* Pages outside the app shell (sign-in, enrollment) load their code on demand too. */}
      <Suspense fallback={<PageLoader />}>
        <RouterProvider router={router} />
      </Suspense>
    </Providers>
  );
}

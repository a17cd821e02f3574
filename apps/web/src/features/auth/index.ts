/** What the app shell takes from the auth feature (features never import each other). */
import { lazy } from 'react';

// The pages are a chunk of their own, loaded on first visit (issue 17: the inbox loads none of their code).
export const SignInPage = lazy(() => import('./routes/SignInPage').then((m) => ({ default: m.SignInPage })));
export const EnrollPage = lazy(() => import('./routes/EnrollPage').then((m) => ({ default: m.EnrollPage })));
export const ChangePasswordPage = lazy(() =>
  import('./routes/ChangePasswordPage').then((m) => ({ default: m.ChangePasswordPage })),
);
export { ReauthenticationProvider } from './components/ReauthenticationProvider';
// Shown in the account menu, itself loaded on demand; exported lazily, or this barrel (which the strings are read
// through at start) would pull the menu's code into every page.
export const SignOutMenuItem = lazy(() =>
  import('./components/SignOutMenuItem').then((m) => ({ default: m.SignOutMenuItem })),
);
export { authEn, authEs } from './i18n/auth.strings';

/** What the app shell takes from the auth feature (features never import each other). */
export { SignInPage } from './routes/SignInPage';
export { EnrollPage } from './routes/EnrollPage';
export { ChangePasswordPage } from './routes/ChangePasswordPage';
export { ReauthenticationProvider } from './components/ReauthenticationProvider';
export { SignOutMenuItem } from './components/SignOutMenuItem';
export { authEn, authEs } from './i18n/auth.strings';

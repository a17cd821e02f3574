import { useTranslation } from 'react-i18next';
import { isApiError } from './api-error';

/** The plain-words message for any failure, from the one table in i18n/errors.strings.ts. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation('errors');
  return (error) => t(isApiError(error) ? error.code : 'UNEXPECTED');
}

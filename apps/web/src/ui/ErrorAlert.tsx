import { Alert } from '@mantine/core';
import { useErrorMessage } from '@/lib/use-error-message';

/** A failure in plain words, announced to screen readers as it appears. */
export function ErrorAlert({ error, message }: { error?: unknown; message?: string }) {
  const describe = useErrorMessage();
  if (!error && !message) return null;
  return (
    <Alert color="red" role="alert" variant="light" mb="md">
      {message ?? describe(error)}
    </Alert>
  );
}

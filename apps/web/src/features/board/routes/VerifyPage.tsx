import { Button, Code, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/ui/PageTitle';
import { usePublicKey } from '../api/board-api';
import { useBoardAgreement } from '../components/BoardContext';
import { VerificationProgress, VerificationResult } from '../components/VerificationResult';

/**
 * Verify in the browser: the bundle is downloaded and every entry hash, link and checkpoint signature checked
 * right here (WebCrypto), against the key the partnership publishes — the same verdict as the CLI.
 */
export function VerifyPage() {
  const { t } = useTranslation('board');
  const { agreement, verification } = useBoardAgreement();
  const key = usePublicKey(agreement.id);
  const { state, run } = verification;
  const busy = state.status === 'downloading' || state.status === 'verifying';
  const secure = typeof window !== 'undefined' && window.isSecureContext && Boolean(globalThis.crypto?.subtle);
  return (
    <Stack gap="md">
      <div>
        <PageTitle>{t('verify.title')}</PageTitle>
        <Text mt={-8}>{t('verify.intro')}</Text>
      </div>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Text fw={600}>{t('verify.keyTitle')}</Text>
          <Text size="sm">{t('verify.keyHelp')}</Text>
          <Text size="sm">
            {t('verify.fingerprint')}{' '}
            <Code className="board-fingerprint">{key.data?.fingerprint ?? agreement.auditKey.fingerprint}</Code>
          </Text>
        </Stack>
      </Paper>
      {!secure && (
        <Text role="alert" c="red">
          {t('verify.key.insecure-context')}
        </Text>
      )}
      <div>
        <Button onClick={() => void run()} loading={busy} disabled={!secure}>
          {state.status === 'done' || state.status === 'failed' ? t('verify.again') : t('verify.run')}
        </Button>
      </div>
      <VerificationProgress state={state} />
      <VerificationResult state={state} />
      <Text size="sm" c="dimmed">
        {t('verify.cliHint')}
      </Text>
    </Stack>
  );
}

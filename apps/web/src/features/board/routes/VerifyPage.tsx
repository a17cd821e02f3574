import { Button, Code, FileInput, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '@/ui/PageTitle';
import { usePublicKey } from '../api/board-api';
import { useBoardAgreement } from '../components/BoardContext';
import { VerificationProgress, VerificationResult } from '../components/VerificationResult';

/** Saves the bundle as the server sent it: next time it is "the bundle kept from before". */
function keepCopy(text: string, agreementId: string, at: Date) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `accord-audit-${agreementId}-${at.toISOString().slice(0, 10)}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Verify in the browser: the bundle is downloaded and every entry hash, link and checkpoint signature checked
 * right here (WebCrypto), against the key the partnership publishes — the same verdict as the CLI.
 */
export function VerifyPage() {
  const { t } = useTranslation('board');
  const { agreement, verification } = useBoardAgreement();
  const key = usePublicKey(agreement.id);
  const { state, run, kept, setKept } = verification;
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
      <FileInput
        label={t('verify.kept.label')}
        description={t('verify.kept.help')}
        placeholder={t('verify.kept.placeholder')}
        accept="application/json,.json"
        clearable
        clearButtonProps={{ 'aria-label': t('verify.kept.clear') }}
        value={kept}
        onChange={setKept}
        className="board-kept"
      />
      <Group gap="sm">
        <Button onClick={() => void run()} loading={busy} disabled={!secure}>
          {state.status === 'done' || state.status === 'failed' ? t('verify.again') : t('verify.run')}
        </Button>
        {/* Only a bundle that verified is worth keeping as the reference for the next one. */}
        {state.status === 'done' && state.verification.report.ok && (
          <Button variant="default" onClick={() => keepCopy(state.text, agreement.id, state.verifiedAt)}>
            {t('verify.keepCopy')}
          </Button>
        )}
      </Group>
      <VerificationProgress state={state} />
      <VerificationResult state={state} />
      <Text size="sm" c="dimmed">
        {t('verify.cliHint')}
      </Text>
    </Stack>
  );
}

import { Alert, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '@/lib/use-date-time';
import { useErrorMessage } from '@/lib/use-error-message';
import { KeptBundleError, type VerificationState } from '../hooks/useBundleVerification';
import { AuditBundleError, AuditKeyError } from '../utils/bundle-verifier';

/** The download and the hashing, as a progress bar with its words (the bar alone says nothing to a screen reader). */
export function VerificationProgress({ state }: { state: VerificationState }) {
  const { t, i18n } = useTranslation('board');
  const number = (n: number) => n.toLocaleString(i18n.resolvedLanguage);
  if (state.status === 'downloading') {
    const label =
      state.total === null
        ? t('verify.downloadingBytes', { kb: number(Math.round(state.received / 1024)) })
        : t('verify.downloadingOf', {
            kb: number(Math.round(state.received / 1024)),
            total: number(Math.round(state.total / 1024)),
          });
    const value = state.total === null ? 100 : Math.min(100, (100 * state.received) / state.total);
    return (
      <Stack gap={4}>
        <Progress value={value} animated={state.total === null} aria-label={t('verify.downloading')} />
        <Text size="sm" role="status">
          {label}
        </Text>
      </Stack>
    );
  }
  if (state.status === 'verifying') {
    const value = state.total === 0 ? 100 : (100 * state.checked) / state.total;
    return (
      <Stack gap={4}>
        <Progress value={value} aria-label={t('verify.checking')} />
        <Text size="sm" role="status">
          {t('verify.checked', { checked: number(state.checked), total: number(state.total) })}
        </Text>
      </Stack>
    );
  }
  return null;
}

/** The verdict, as `npm run audit:verify -- --bundle` gives it: intact, or the first bad entry and what was done. */
export function VerificationResult({ state }: { state: VerificationState }) {
  const { t } = useTranslation('board');
  const dateTime = useDateTime();
  const describe = useErrorMessage();
  if (state.status === 'failed') {
    const error = state.error;
    const message =
      error instanceof KeptBundleError
        ? t(`verify.kept.${error.reason}`)
        : error instanceof AuditBundleError
          ? t('verify.notABundle')
          : error instanceof AuditKeyError
            ? t(`verify.key.${error.code}`)
            : describe(error);
    return (
      <Alert color="red" role="alert" title={t('verify.failedTitle')}>
        {message}
      </Alert>
    );
  }
  if (state.status !== 'done') return null;
  const { report, keyIds, previous } = state.verification;
  const kept = previous && (
    <Text size="sm" fw={600}>
      {!previous.report.ok
        ? t('verify.kept.broken', { seq: previous.report.problem?.seq ?? 0 })
        : previous.extended
          ? t('verify.kept.extends', { count: previous.report.entries })
          : t('verify.kept.notExtends')}
    </Text>
  );
  const at = dateTime(state.verifiedAt.toISOString());
  if (report.ok) {
    return (
      <Alert color="green" role="status" title={t('verify.intactTitle')} className="board-verdict">
        <Stack gap={4}>
          <Text>
            {t('verify.intact', {
              count: report.entries,
              checkpoints: report.checkpointsVerified,
              seq: report.headSeq,
            })}
          </Text>
          {kept}
          <Text size="sm">{t('verify.againstKey', { keyId: keyIds.join(', '), at })}</Text>
          {!state.bundleKeyMatches && <Text size="sm">{t('verify.bundleKeyDiffers')}</Text>}
        </Stack>
      </Alert>
    );
  }
  const problem = report.problem!;
  return (
    <Alert color="red" role="alert" title={t('verify.tamperedTitle')} className="board-verdict">
      <Stack gap={4}>
        <Text fw={600}>
          {problem.position === null
            ? t('verify.badCheckpoint', { seq: problem.seq })
            : t('verify.firstBad', { seq: problem.seq, position: problem.position })}
        </Text>
        <Text>{t(`tamper.${problem.kind}`)}</Text>
        {problem.entryId && <Text size="sm">{t('verify.entryId', { id: problem.entryId })}</Text>}
        {!problem.explained && <Text size="sm">{t('verify.severalChanges')}</Text>}
        {kept}
        <Text size="sm" className="board-technical">
          {t('verify.technical', { message: problem.message })}
        </Text>
        <Text size="sm">{t('verify.againstKey', { keyId: keyIds.join(', '), at })}</Text>
      </Stack>
    </Alert>
  );
}

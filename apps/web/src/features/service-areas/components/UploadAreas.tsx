import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { type ChangeEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-error';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { useReplaceServiceAreas } from '../api/service-areas-api';
import {
  MAX_UPLOAD_BYTES,
  readUpload,
  refusedFeature,
  tooLarge,
  type UploadResult,
} from '../utils/service-area-upload';
import { AreasView } from './AreasView';

/**
 * The upload: a .geojson file read in the browser (refused over the size limit or when it is not a
 * FeatureCollection), its areas previewed on the map, then saved with one PUT. The API's refusal names the feature
 * at fault and what is wrong, and nothing changes.
 */
export function UploadAreas() {
  const { t } = useTranslation('serviceAreas');
  const inputId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [upload, setUpload] = useState<UploadResult | null>(null);
  const [unreadable, setUnreadable] = useState(false);
  const [savedFrom, setSavedFrom] = useState<string | null>(null);
  const replace = useReplaceServiceAreas();

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    replace.reset();
    setSavedFrom(null);
    setUnreadable(false);
    setUpload(null);
    if (!file) return;
    const refused = tooLarge(file);
    if (refused) return setUpload(refused);
    try {
      setUpload(readUpload(file.name, await file.text()));
    } catch {
      setUnreadable(true);
    }
  };

  const discard = () => {
    replace.reset();
    setUpload(null);
    if (input.current) input.current.value = '';
  };

  const save = () =>
    upload?.kind === 'ready' &&
    replace.mutate(upload.collection, {
      onSuccess: () => {
        setSavedFrom(upload.fileName);
        discard();
      },
    });

  return (
    <section aria-labelledby="upload-heading">
      <Title order={2} size="h3" id="upload-heading" mb="sm">
        {t('upload.heading')}
      </Title>
      <Stack gap="sm">
        <div>
          <label htmlFor={inputId} className="upload-label">
            {t('upload.file')}
          </label>
          <Text id={hintId} size="sm" c="dimmed" mb={4}>
            {t('upload.hint', { kilobytes: MAX_UPLOAD_BYTES / 1024 })}
          </Text>
          <input
            ref={input}
            id={inputId}
            type="file"
            accept=".geojson,.json,application/geo+json,application/json"
            aria-describedby={hintId}
            onChange={(e) => void choose(e)}
          />
        </div>
        {savedFrom && (
          <Alert role="status" color="green" variant="light">
            {t('preview.saved', { fileName: savedFrom })}
          </Alert>
        )}
        {unreadable && <ErrorAlert message={t('upload.unreadable')} />}
        {upload && upload.kind !== 'ready' && <ErrorAlert message={fileProblem(upload, t)} />}
        {upload?.kind === 'ready' && (
          <Preview upload={upload} saving={replace.isPending} onSave={save} onDiscard={discard}>
            {replace.error &&
              (isApiError(replace.error, 'SERVICE_AREAS_INVALID') ? (
                <ErrorAlert message={refusal(refusedFeature(replace.error.details, upload.collection), t)} />
              ) : (
                <ErrorAlert error={replace.error} />
              ))}
          </Preview>
        )}
      </Stack>
    </section>
  );
}

type T = ReturnType<typeof useTranslation<'serviceAreas'>>['t'];

function Preview({
  upload,
  saving,
  onSave,
  onDiscard,
  children,
}: {
  upload: Extract<UploadResult, { kind: 'ready' }>;
  saving: boolean;
  onSave: () => void;
  onDiscard: () => void;
  children: React.ReactNode;
}) {
  const { t } = useTranslation('serviceAreas');
  const undrawable = upload.collection.features.length - upload.areas.length;
  return (
    <section aria-labelledby="preview-heading" className="areas-preview">
      <Title order={3} size="h4" id="preview-heading" mb="xs">
        {t('preview.heading', { fileName: upload.fileName })}
      </Title>
      <Text mb="sm">{t('preview.note')}</Text>
      {undrawable > 0 && (
        <Alert role="note" color="yellow" variant="light" mb="sm">
          {t('preview.undrawable', { count: undrawable })}
        </Alert>
      )}
      <AreasView
        areas={upload.areas}
        mapLabel={t('preview.mapLabel', { codes: upload.areas.map((a) => a.code).join(', ') })}
        testId="preview-map"
      />
      <div className="areas-actions">{children}</div>
      <Group mt="sm">
        <Button onClick={onSave} loading={saving}>
          {t('preview.save')}
        </Button>
        <Button variant="default" onClick={onDiscard} disabled={saving}>
          {t('preview.discard')}
        </Button>
      </Group>
    </section>
  );
}

function fileProblem(upload: Exclude<UploadResult, { kind: 'ready' }>, t: T): string {
  const fileName = upload.fileName;
  switch (upload.kind) {
    case 'tooLarge':
      return t('upload.tooLarge', { fileName, kilobytes: upload.kilobytes, max: MAX_UPLOAD_BYTES / 1024 });
    case 'notJson':
      return upload.line === undefined
        ? t('upload.notJson', { fileName })
        : t('upload.notJsonAt', { fileName, line: upload.line, column: upload.column });
    case 'notCollection':
      return t('upload.notCollection', { fileName });
    case 'noFeatures':
      return t('upload.noFeatures', { fileName });
  }
}

function refusal(refused: ReturnType<typeof refusedFeature>, t: T): string {
  const problem = typeof refused.problem === 'string' ? t(`problem.${refused.problem}`) : refused.problem.text;
  if (refused.number === undefined) return t('refused.file', { problem });
  return refused.code
    ? t('refused.feature', { number: refused.number, code: refused.code, problem })
    : t('refused.featureNoCode', { number: refused.number, problem });
}

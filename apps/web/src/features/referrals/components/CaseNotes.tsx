import { Alert, Button, Loader, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '@/lib/session';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { useAddCaseNote, useCaseNotes, useWorkers } from '../api/referrals-api';
import { useDateTime } from '@/lib/use-date-time';

/** The partner's own notes on the referral (never shared back), oldest first, and a form to add one. */
export function CaseNotes({ referralId }: { referralId: string }) {
  const { t } = useTranslation('referrals');
  const { t: tCommon } = useTranslation();
  const dateTime = useDateTime();
  const { data: me } = useSession();
  const notes = useCaseNotes(referralId);
  const add = useAddCaseNote(referralId);
  // Names of colleagues, where the person may list them (program managers); others read "a colleague".
  const workers = useWorkers((me?.roles ?? []).includes('program_manager'));
  const [added, setAdded] = useState(false);
  const form = useForm({
    initialValues: { body: '' },
    validate: { body: (value) => (value.trim() ? null : t('notes.required')) },
  });
  const author = (id: string) =>
    id === me?.id ? t('notes.you') : (workers.data?.find((w) => w.id === id)?.displayName ?? t('notes.colleague'));
  const submit = form.onSubmit(({ body }) => {
    setAdded(false);
    add.mutate(body.trim(), {
      onSuccess: () => {
        form.reset();
        setAdded(true);
      },
    });
  });

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="referral-notes" mb="md">
      <Title order={2} size="h4" id="referral-notes" mb={4}>
        {t('notes.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('notes.private')}
      </Text>
      <ErrorAlert error={notes.error ?? undefined} />
      {notes.isPending && <Loader size="sm" aria-label={tCommon('loading')} />}
      {notes.data?.length === 0 && <Text mb="sm">{t('notes.empty')}</Text>}
      {notes.data && notes.data.length > 0 && (
        <Stack component="ol" gap="xs" mb="md" className="referral-list">
          {notes.data.map((note) => (
            <li key={note.id} className="referral-note">
              <Text size="sm" c="dimmed">
                {t('notes.byOn', { author: author(note.authorId), when: dateTime(note.createdAt) })}
              </Text>
              <Text className="referral-note-body">{note.body ?? t('notes.purged')}</Text>
            </li>
          ))}
        </Stack>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Textarea label={t('notes.new')} autosize minRows={3} maxRows={10} required {...form.getInputProps('body')} />
          <div role="status">
            {added && (
              <Alert color="green" variant="light">
                {t('notes.added')}
              </Alert>
            )}
          </div>
          <ErrorAlert error={add.error ?? undefined} />
          <Button type="submit" loading={add.isPending}>
            {t('notes.add')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

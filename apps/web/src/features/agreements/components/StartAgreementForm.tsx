import { Button, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { invalidFields } from '@/lib/api-error';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { useCreateAgreement, useTemplates } from '../api/agreements-api';

/**
 * Starts an agreement from a template (POST /agreements with templateKey). The other party is named by its
 * organization id: Accord has no directory of other organizations to pick from, so the two admins exchange ids.
 */
export function StartAgreementForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation('agreements');
  const { t: common } = useTranslation();
  const templates = useTemplates();
  const create = useCreateAgreement();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [counterpart, setCounterpart] = useState('');
  const [templateKey, setTemplateKey] = useState('');
  const chosen = templateKey || templates.data?.[0]?.key || '';
  const refused = invalidFields(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { title: title.trim(), counterpartOrgId: counterpart.trim(), templateKey: chosen },
      { onSuccess: (agreement) => navigate(`/agreements/${agreement.id}`) },
    );
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="start-agreement">
      <Title order={2} size="h3" id="start-agreement">
        {t('start.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('start.intro')}
      </Text>
      <Text size="sm" mb="sm">
        {t('start.yourId', { id: orgId })}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {create.isError && refused.length === 0 && <ErrorAlert error={create.error} />}
          <TextInput
            label={t('start.name')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={refused.includes('title') ? common('form.required') : undefined}
          />
          <TextInput
            label={t('start.counterpart')}
            description={t('start.counterpartHelp')}
            required
            value={counterpart}
            onChange={(e) => setCounterpart(e.currentTarget.value)}
            error={refused.includes('counterpartOrgId') ? t('problem.pattern') : undefined}
          />
          <NativeSelect
            label={t('start.template')}
            value={chosen}
            onChange={(e) => setTemplateKey(e.currentTarget.value)}
            data={(templates.data ?? []).map((tpl) => ({ value: tpl.key, label: tpl.name }))}
            description={templates.data?.find((tpl) => tpl.key === chosen)?.description}
          />
          <div>
            <Button type="submit" loading={create.isPending} disabled={!chosen}>
              {t('start.submit')}
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}

import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-error';
import { ErrorAlert } from '@/ui/ErrorAlert';
import { type Agreement, type AgreementVersion, useAmend, useApprove, useSaveDraft } from '../api/agreements-api';
import { awaitsApprovalFrom, problemsOf, unplacedProblems } from '../utils/agreement-views';
import { type Category, CATEGORIES, type FlowDraft, fromDraft, newFlow, toDraft } from '../utils/flow-form';
import { BoardMemberChoice, BoardMemberList } from './BoardMembers';
import { FlowFieldset } from './FlowFieldset';
import { FlowSummary } from './FlowSummary';
import { useTermsT, useProblemText } from './words';

function flowsOf(version: AgreementVersion): FlowDraft[] {
  const raw = (version.sharingParameters as { flows?: unknown }).flows;
  return (Array.isArray(raw) ? raw : []).map((f) => toDraft(f as Record<string, unknown>));
}

/** The draft or proposal under discussion, or the way to open one (an amendment of the version in force). */
export function OpenVersion({
  agreement,
  version,
  orgId,
}: {
  agreement: Agreement;
  version?: AgreementVersion;
  orgId: string;
}) {
  if (!version) return agreement.terminatedAt ? null : <AmendPanel agreement={agreement} />;
  return version.status === 'draft' ? (
    <DraftEditor key={version.id} agreement={agreement} version={version} />
  ) : (
    <ProposalPanel agreement={agreement} version={version} orgId={orgId} />
  );
}

function AmendPanel({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation('agreements');
  const amend = useAmend(agreement.id);
  return (
    <Paper withBorder p="md">
      <Text size="sm" mb="sm">
        {t('open.amendIntro')}
      </Text>
      <ErrorAlert error={amend.error ?? undefined} />
      <Button onClick={() => amend.mutate()} loading={amend.isPending}>
        {t('open.amend')}
      </Button>
    </Paper>
  );
}

function DraftEditor({ agreement, version }: { agreement: Agreement; version: AgreementVersion }) {
  const { t } = useTranslation('agreements');
  const terms = useTermsT();
  const describe = useProblemText();
  const [flows, setFlows] = useState(() => flowsOf(version));
  const [board, setBoard] = useState(version.boardMemberIds);
  const [category, setCategory] = useState<Category>('incident_notification');
  const save = useSaveDraft(agreement.id);
  const problems =
    isApiError(save.error, 'SHARING_PARAMETERS_INVALID') || isApiError(save.error, 'VALIDATION_FAILED')
      ? problemsOf(save.error)
      : [];
  const elsewhere = unplacedProblems(problems, flows.length).filter((p) => p.path !== 'boardMemberIds');
  const submit = (propose: boolean) =>
    save.mutate({
      versionId: version.id,
      body: { sharingParameters: { flows: flows.map(fromDraft) }, boardMemberIds: board },
      propose,
    });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="draft-title">
      <Title order={2} size="h3" id="draft-title" mb="xs">
        {t('open.draftTitle', { version: version.version })}
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit(true);
        }}
      >
        <Stack gap="md">
          {problems.length > 0 ? (
            <Alert color="red" variant="light" role="alert">
              <Text size="sm">{t('form.problems', { count: problems.length })}</Text>
              {elsewhere.map((p) => (
                <Text size="sm" key={`${p.path}|${p.reason}`}>
                  {t('problem.elsewhere', { path: p.path, message: describe(p) })}
                </Text>
              ))}
            </Alert>
          ) : (
            <ErrorAlert error={save.error ?? undefined} />
          )}
          {save.isSuccess && save.data.status === 'draft' && (
            <Text size="sm" role="status">
              {t('form.saved')}
            </Text>
          )}
          <Text size="sm">{t('form.intro')}</Text>
          {flows.map((flow, index) => (
            <FlowFieldset
              key={index}
              index={index}
              flow={flow}
              problems={problems}
              onChange={(next) => setFlows(flows.map((f, i) => (i === index ? next : f)))}
              onRemove={() => setFlows(flows.filter((_, i) => i !== index))}
            />
          ))}
          <Group align="flex-end">
            <NativeSelect
              label={t('form.newCategory')}
              value={category}
              onChange={(e) => setCategory(e.currentTarget.value as Category)}
              data={CATEGORIES.map((c) => ({ value: c, label: terms(`category.${c}`) }))}
            />
            <Button
              variant="default"
              onClick={() =>
                setFlows([
                  ...flows,
                  newFlow(
                    category,
                    flows.map((f) => f.id),
                  ),
                ])
              }
            >
              {t('form.addFlow')}
            </Button>
          </Group>
          <BoardMemberChoice ids={board} onChange={setBoard} problems={problems} />
          <Group>
            <Button variant="default" onClick={() => submit(false)} loading={save.isPending}>
              {t('form.save')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('form.propose')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ProposalPanel({
  agreement,
  version,
  orgId,
}: {
  agreement: Agreement;
  version: AgreementVersion;
  orgId: string;
}) {
  const { t } = useTranslation('agreements');
  const approve = useApprove(agreement.id);
  const mine = awaitsApprovalFrom(version, orgId);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="proposal-title">
      <Title order={2} size="h3" id="proposal-title" mb="xs">
        {t('open.proposedTitle', { version: version.version })}
      </Title>
      <Text size="sm" mb="sm">
        {t('open.proposedIntro')}
      </Text>
      <FlowSummary version={version} />
      <Title order={3} size="h5" mt="sm">
        {t('board.title')}
      </Title>
      <BoardMemberList ids={version.boardMemberIds} />
      <ErrorAlert error={approve.error ?? undefined} />
      {mine ? (
        <Button mt="md" onClick={() => approve.mutate(version.id)} loading={approve.isPending}>
          {t('open.approve', { version: version.version })}
        </Button>
      ) : (
        <Text size="sm" mt="md" role="status">
          {t('open.waiting')}
        </Text>
      )}
    </Paper>
  );
}

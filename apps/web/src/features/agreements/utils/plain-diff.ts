import type { components } from '@/api/schema';

type Change = components['schemas']['ParameterChangeDto'];

/** A translate function of the `agreements` namespace (the component's `t`; a plain i18next one in tests). */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** What one flow's changes read like: its title and one sentence per change. */
export interface FlowChanges {
  flowId: string;
  title: string;
  lines: string[];
}

interface FlowLike {
  id?: unknown;
  category?: unknown;
  from?: unknown;
  to?: unknown;
}

function flowsOf(parameters: unknown): FlowLike[] {
  const flows = (parameters as { flows?: unknown } | null)?.flows;
  return Array.isArray(flows) ? (flows as FlowLike[]) : [];
}

const PATH = /^flow (\S+)(?: › (.+))?$/;

/**
 * The API's structural diff (GET /agreements/:id/diff: `flow shooting-alerts › fields.hospital`, added,
 * "include") in sentences an org admin reads before approving ("Partner will now also receive: hospital name").
 * The versions' own flows say who receives what (`to`). A path this does not know is still listed, as it is.
 */
export function describeChanges(changes: Change[], before: unknown, after: unknown, t: Translate): FlowChanges[] {
  const beforeFlows = flowsOf(before);
  const afterFlows = flowsOf(after);
  const flowById = (id: string) => afterFlows.find((f) => f.id === id) ?? beforeFlows.find((f) => f.id === id);
  const party = (value: unknown) => t(value === 'police' ? 'party.police' : 'party.partner');
  const category = (value: unknown) => t(`category.${String(value)}`);
  const field = (name: string) => t(`field.${name}`, { defaultValue: name });
  const precision = (value: unknown) => t(`precision.${String(value)}`, { defaultValue: String(value) });
  const yesNo = (value: unknown) => t(value === true ? 'diff.yes' : 'diff.no');
  const hours = (value: unknown) => (typeof value === 'number' ? t('diff.hours', { count: value }) : t('diff.none'));
  const days = (value: unknown) => (typeof value === 'number' ? t('diff.days', { count: value }) : t('diff.none'));
  const value = (v: unknown): string => {
    if (Array.isArray(v)) return v.map((item) => value(item)).join(', ');
    if (typeof v === 'boolean') return yesNo(v);
    if (v === undefined || v === null) return t('diff.none');
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };

  const groups = new Map<string, FlowChanges>();
  const groupFor = (flowId: string): FlowChanges => {
    let group = groups.get(flowId);
    if (!group) {
      const flow = flowById(flowId);
      group = {
        flowId,
        title: flow
          ? t('diff.flowTitle', { category: category(flow.category), from: party(flow.from), to: party(flow.to) })
          : flowId,
        lines: [],
      };
      groups.set(flowId, group);
    }
    return group;
  };

  for (const change of changes) {
    const match = PATH.exec(change.path);
    if (!match) {
      groupFor('').lines.push(t('diff.unknown', { path: change.path }));
      continue;
    }
    const [, flowId = '', rest] = match;
    const group = groupFor(flowId);
    const flow = flowById(flowId);
    const receiver = party(flow?.to);
    if (rest === undefined) {
      group.lines.push(
        change.change === 'added'
          ? t('diff.flowAdded', { category: category(change.after), from: party(flow?.from), to: receiver })
          : change.change === 'removed'
            ? t('diff.flowRemoved', { category: category(change.before), to: receiver })
            : t('diff.unknown', { path: change.path }),
      );
      continue;
    }
    const [group_, key = ''] = rest.includes('.')
      ? [rest.slice(0, rest.indexOf('.')), rest.slice(rest.indexOf('.') + 1)]
      : [rest];
    if (group_ === 'fields') {
      if (change.change === 'added')
        group.lines.push(
          change.after === 'include'
            ? t('diff.fieldAdded', { receiver, field: field(key) })
            : t('diff.fieldAddedAt', { receiver, field: field(key), precision: precision(change.after) }),
        );
      else if (change.change === 'removed') group.lines.push(t('diff.fieldRemoved', { receiver, field: field(key) }));
      else
        group.lines.push(
          t('diff.fieldChanged', {
            field: field(key),
            before: precision(change.before),
            after: precision(change.after),
          }),
        );
    } else if (group_ === 'audience') {
      const role = t(`audience.${String(change.change === 'added' ? change.after : change.before)}`);
      group.lines.push(t(change.change === 'added' ? 'diff.audienceAdded' : 'diff.audienceRemoved', { role }));
    } else if (group_ === 'conditions') {
      const condition = t(`condition.${key}`, { defaultValue: key });
      if (change.change === 'added')
        group.lines.push(t('diff.conditionAdded', { condition, value: value(change.after) }));
      else if (change.change === 'removed') group.lines.push(t('diff.conditionRemoved', { condition }));
      else
        group.lines.push(
          t('diff.changed', { what: condition, before: value(change.before), after: value(change.after) }),
        );
    } else if (group_ === 'acknowledgeWithinHours') {
      group.lines.push(t('diff.deadline', { before: hours(change.before), after: hours(change.after) }));
    } else if (group_ === 'retentionDays') {
      group.lines.push(t('diff.retention', { before: days(change.before), after: days(change.after) }));
    } else if (group_ === 'consentRequired') {
      group.lines.push(t('diff.consent', { before: yesNo(change.before), after: yesNo(change.after) }));
    } else if (group_ === 'category') {
      group.lines.push(
        t('diff.changed', { what: t('form.category'), before: category(change.before), after: category(change.after) }),
      );
    } else if (group_ === 'from' || group_ === 'to') {
      group.lines.push(
        t('diff.changed', {
          what: t(group_ === 'from' ? 'form.from' : 'form.to'),
          before: party(change.before),
          after: party(change.after),
        }),
      );
    } else {
      group.lines.push(t('diff.unknown', { path: change.path }));
    }
  }
  return [...groups.values()];
}

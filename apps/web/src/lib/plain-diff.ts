import { useTranslation } from 'react-i18next';
import type { components } from '@/api/schema';

type Change = components['schemas']['ParameterChangeDto'];

/** A translate function of keys computed at run time (a feature's `t`; `common:plainDiff`'s; i18next's in tests). */
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
 * describeChanges in the page's language, with its words (lib/i18n/plain-diff.strings.ts, `common:plainDiff`): for
 * features/agreements (the agreement's page) and features/board (the audit's version links).
 */
export function usePlainDiff(): (changes: Change[], before: unknown, after: unknown) => FlowChanges[] {
  const { t } = useTranslation('common', { keyPrefix: 'plainDiff' });
  const tr = t as unknown as Translate;
  return (changes, before, after) => describeChanges(changes, before, after, tr);
}

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
  const yesNo = (value: unknown) => t(value === true ? 'line.yes' : 'line.no');
  const hours = (value: unknown) => (typeof value === 'number' ? t('line.hours', { count: value }) : t('line.none'));
  const days = (value: unknown) => (typeof value === 'number' ? t('line.days', { count: value }) : t('line.none'));
  const value = (v: unknown): string => {
    if (Array.isArray(v)) return v.map((item) => value(item)).join(', ');
    if (typeof v === 'boolean') return yesNo(v);
    if (v === undefined || v === null) return t('line.none');
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
          ? t('line.flowTitle', { category: category(flow.category), from: party(flow.from), to: party(flow.to) })
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
      groupFor('').lines.push(t('line.unknown', { path: change.path }));
      continue;
    }
    const [, flowId = '', rest] = match;
    const group = groupFor(flowId);
    const flow = flowById(flowId);
    const receiver = party(flow?.to);
    if (rest === undefined) {
      group.lines.push(
        change.change === 'added'
          ? t('line.flowAdded', { category: category(change.after), from: party(flow?.from), to: receiver })
          : change.change === 'removed'
            ? t('line.flowRemoved', { category: category(change.before), to: receiver })
            : t('line.unknown', { path: change.path }),
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
            ? t('line.fieldAdded', { receiver, field: field(key) })
            : t('line.fieldAddedAt', { receiver, field: field(key), precision: precision(change.after) }),
        );
      else if (change.change === 'removed') group.lines.push(t('line.fieldRemoved', { receiver, field: field(key) }));
      else
        group.lines.push(
          t('line.fieldChanged', {
            field: field(key),
            before: precision(change.before),
            after: precision(change.after),
          }),
        );
    } else if (group_ === 'audience') {
      const role = t(`audience.${String(change.change === 'added' ? change.after : change.before)}`);
      group.lines.push(t(change.change === 'added' ? 'line.audienceAdded' : 'line.audienceRemoved', { role }));
    } else if (group_ === 'conditions') {
      const condition = t(`condition.${key}`, { defaultValue: key });
      if (change.change === 'added')
        group.lines.push(t('line.conditionAdded', { condition, value: value(change.after) }));
      else if (change.change === 'removed') group.lines.push(t('line.conditionRemoved', { condition }));
      else
        group.lines.push(
          t('line.changed', { what: condition, before: value(change.before), after: value(change.after) }),
        );
    } else if (group_ === 'acknowledgeWithinHours') {
      group.lines.push(t('line.deadline', { before: hours(change.before), after: hours(change.after) }));
    } else if (group_ === 'retentionDays') {
      group.lines.push(t('line.retention', { before: days(change.before), after: days(change.after) }));
    } else if (group_ === 'consentRequired') {
      group.lines.push(t('line.consent', { before: yesNo(change.before), after: yesNo(change.after) }));
    } else if (group_ === 'category') {
      group.lines.push(
        t('line.changed', { what: t('what.category'), before: category(change.before), after: category(change.after) }),
      );
    } else if (group_ === 'from' || group_ === 'to') {
      group.lines.push(
        t('line.changed', {
          what: t(group_ === 'from' ? 'what.from' : 'what.to'),
          before: party(change.before),
          after: party(change.after),
        }),
      );
    } else {
      group.lines.push(t('line.unknown', { path: change.path }));
    }
  }
  return [...groups.values()];
}

import type { Flow, SharingParameters } from './sharing-parameters';

export interface ParameterChange {
  /** `flow shooting-alerts`, `flow shooting-alerts › fields.location`, … */
  path: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const SCALARS = ['category', 'from', 'to', 'consentRequired', 'retentionDays', 'acknowledgeWithinHours'] as const;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function diffRecord(
  flowId: string,
  group: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): ParameterChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.flatMap((key): ParameterChange[] => {
    const path = `flow ${flowId} › ${group}.${key}`;
    if (!(key in before)) return [{ path, change: 'added', after: after[key] }];
    if (!(key in after)) return [{ path, change: 'removed', before: before[key] }];
    return same(before[key], after[key]) ? [] : [{ path, change: 'changed', before: before[key], after: after[key] }];
  });
}

function diffFlow(before: Flow, after: Flow): ParameterChange[] {
  const changes: ParameterChange[] = [];
  for (const key of SCALARS) {
    if (!same(before[key], after[key]))
      changes.push({ path: `flow ${before.id} › ${key}`, change: 'changed', before: before[key], after: after[key] });
  }
  const removedRoles = before.audience.filter((r) => !after.audience.includes(r));
  const addedRoles = after.audience.filter((r) => !before.audience.includes(r));
  for (const role of addedRoles) changes.push({ path: `flow ${before.id} › audience`, change: 'added', after: role });
  for (const role of removedRoles)
    changes.push({ path: `flow ${before.id} › audience`, change: 'removed', before: role });
  changes.push(...diffRecord(before.id, 'conditions', before.conditions ?? {}, after.conditions ?? {}));
  changes.push(...diffRecord(before.id, 'fields', before.fields, after.fields));
  return changes;
}

/**
 * What an amendment changes, flow by flow and field by field — what a board or an org admin reads
 * before approving a new version. Flows are matched by id.
 */
export function diffSharingParameters(before: SharingParameters, after: SharingParameters): ParameterChange[] {
  const beforeById = new Map(before.flows.map((f) => [f.id, f]));
  const afterById = new Map(after.flows.map((f) => [f.id, f]));
  const changes: ParameterChange[] = [];
  for (const flow of before.flows) {
    const next = afterById.get(flow.id);
    if (!next) changes.push({ path: `flow ${flow.id}`, change: 'removed', before: flow.category });
    else changes.push(...diffFlow(flow, next));
  }
  for (const flow of after.flows) {
    if (!beforeById.has(flow.id)) changes.push({ path: `flow ${flow.id}`, change: 'added', after: flow.category });
  }
  return changes;
}

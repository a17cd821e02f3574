import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { Action, type Subject } from './actions';
import { Role } from './roles';

/** Every subject a rule may name; `satisfies` keeps it in step with the `Subject` type. */
export const SUBJECTS = [
  'Organization',
  'User',
  'Session',
  'AuditEntry',
  'AuditCheckpoint',
  'Agreement',
  'AgreementVersion',
  'Incident',
  'Disclosure',
  'Referral',
  'Report',
  'Webhook',
  'ServiceArea',
  'all',
] as const satisfies readonly Subject[];

/** Placeholders a baseline condition may use; replaced by the caller's own values. */
export const BASELINE_PLACEHOLDERS = ['$orgId', '$userId'] as const;
export type BaselinePlaceholder = (typeof BASELINE_PLACEHOLDERS)[number];

export interface BaselineRule {
  inverted: boolean;
  actions: Action[];
  subjects: Subject[];
  conditions?: Record<string, unknown>;
  /** Field-level: the rule covers only these fields of the subject (all of them when absent). */
  fields?: string[];
}

export interface RoleBaseline {
  everyone: BaselineRule[];
  roles: Record<Role, BaselineRule[]>;
}

export class RoleBaselineError extends Error {
  constructor(problems: string[]) {
    super(`Invalid role baseline (policies/roles.yaml):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RoleBaselineError';
  }
}

const ACTIONS = new Set<string>(Object.values(Action));
const ROLES = new Set<string>(Object.values(Role));
const SUBJECT_SET = new Set<string>(SUBJECTS);
const RULE_KEYS = new Set(['can', 'cannot', 'subject', 'conditions', 'fields']);
const FIELD_NAME = /^[a-z][A-Za-z0-9]{0,63}$/;
/** Operators a condition may use: the ones `accessibleBy` translates into SQL. */
const CONDITION_OPERATORS = new Set(['$in', '$eq', '$ne', '$nin']);

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function checkCondition(value: unknown, where: string, problems: string[]): void {
  if (typeof value === 'string') {
    if (value.startsWith('$') && !(BASELINE_PLACEHOLDERS as readonly string[]).includes(value))
      problems.push(`${where}: unknown placeholder ${value}`);
    return;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkCondition(item, `${where}[${i}]`, problems));
    return;
  }
  if (typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key.startsWith('$') && !CONDITION_OPERATORS.has(key)) problems.push(`${where}: unsupported operator ${key}`);
      checkCondition(inner, `${where}.${key}`, problems);
    }
    return;
  }
  problems.push(`${where}: unsupported value`);
}

function parseRule(raw: unknown, where: string, problems: string[]): BaselineRule | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push(`${where}: a rule must be a mapping`);
    return undefined;
  }
  const rule = raw as Record<string, unknown>;
  for (const key of Object.keys(rule)) if (!RULE_KEYS.has(key)) problems.push(`${where}: unknown key "${key}"`);
  if ('can' in rule === 'cannot' in rule) {
    problems.push(`${where}: a rule has exactly one of "can" or "cannot"`);
    return undefined;
  }
  const inverted = 'cannot' in rule;
  const actions = list(inverted ? rule.cannot : rule.can);
  const subjects = list(rule.subject);
  for (const action of actions)
    if (typeof action !== 'string' || !ACTIONS.has(action))
      problems.push(`${where}: unknown action "${String(action)}"`);
  if (rule.subject === undefined) problems.push(`${where}: missing subject`);
  for (const subject of subjects)
    if (typeof subject !== 'string' || !SUBJECT_SET.has(subject))
      problems.push(`${where}: unknown subject "${String(subject)}"`);
  if (rule.conditions !== undefined) {
    if (typeof rule.conditions !== 'object' || rule.conditions === null || Array.isArray(rule.conditions))
      problems.push(`${where}: conditions must be a mapping`);
    else checkCondition(rule.conditions, `${where}.conditions`, problems);
    // A `cannot` with conditions would only forbid part of a subject; the baseline states whole denials.
    if (inverted) problems.push(`${where}: a "cannot" rule takes no conditions`);
  }
  if (rule.fields !== undefined) {
    const fields = rule.fields;
    if (
      !Array.isArray(fields) ||
      fields.length === 0 ||
      !fields.every((f) => typeof f === 'string' && FIELD_NAME.test(f))
    ) {
      problems.push(`${where}: fields must be a non-empty list of field names`);
    }
  }
  return {
    inverted,
    actions: actions as Action[],
    subjects: subjects as Subject[],
    ...(rule.conditions !== undefined ? { conditions: rule.conditions as Record<string, unknown> } : {}),
    ...(Array.isArray(rule.fields) ? { fields: rule.fields as string[] } : {}),
  };
}

/** Validates a parsed baseline document; every problem is reported at once. */
export function parseRoleBaseline(doc: unknown): RoleBaseline {
  const problems: string[] = [];
  if (typeof doc !== 'object' || doc === null) throw new RoleBaselineError(['the document must be a mapping']);
  const root = doc as Record<string, unknown>;
  for (const key of Object.keys(root))
    if (!['version', 'everyone', 'roles'].includes(key)) problems.push(`unknown top-level key "${key}"`);
  if (root.version !== 1) problems.push('version must be 1');
  const rulesOf = (value: unknown, where: string): BaselineRule[] => {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      problems.push(`${where}: must be a list of rules`);
      return [];
    }
    return value
      .map((r, i) => parseRule(r, `${where}[${i}]`, problems))
      .filter((r): r is BaselineRule => r !== undefined);
  };
  const everyone = rulesOf(root.everyone, 'everyone');
  const roles = {} as Record<Role, BaselineRule[]>;
  const rawRoles = (root.roles ?? {}) as Record<string, unknown>;
  if (typeof rawRoles !== 'object' || Array.isArray(rawRoles)) problems.push('roles must be a mapping');
  for (const [name, rules] of Object.entries(rawRoles)) {
    if (!ROLES.has(name)) problems.push(`roles: unknown role "${name}"`);
    else roles[name as Role] = rulesOf(rules, `roles.${name}`);
  }
  for (const role of ROLES)
    if (!(role in roles)) problems.push(`roles: role "${role}" is missing (write an empty list to grant nothing)`);
  if (problems.length > 0) throw new RoleBaselineError(problems);
  return { everyone, roles };
}

export function loadRoleBaseline(file: string): RoleBaseline {
  return parseRoleBaseline(load(readFileSync(file, 'utf8')));
}

export function roleBaselineFile(dir: string): string {
  return join(dir, 'roles.yaml');
}

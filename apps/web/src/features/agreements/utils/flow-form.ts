import schema from '../../../../../../policies/sharing-parameters.schema.json';

/*
 * The flow form's choices come from the same JSON schema the API validates a proposal with
 * (policies/sharing-parameters.schema.json), read at build time: a field or precision the schema
 * adds appears in the form without a second list to keep in step. The API stays the judge: what
 * the form lets through and the schema refuses comes back as a 422 with paths, shown at the field.
 */

export const CATEGORIES = ['incident_notification', 'referral', 'referral_status', 'community_concern'] as const;
export type Category = (typeof CATEGORIES)[number];
export type Party = 'police' | 'partner';
export const AUDIENCE_ROLES = ['org_admin', 'police_liaison', 'program_manager', 'outreach_worker'] as const;

/** The form's model of one flow: the shape the schema describes, with numbers that may still be blank. */
export interface FlowDraft {
  id: string;
  category: Category;
  from: Party;
  to: Party;
  audience: string[];
  conditions: Record<string, unknown>;
  fields: Record<string, string>;
  consentRequired: boolean;
  retentionDays: number | '';
  acknowledgeWithinHours: number | '';
}

interface JsonNode {
  $ref?: string;
  const?: unknown;
  enum?: unknown[];
  type?: string;
  items?: JsonNode;
  properties?: Record<string, JsonNode>;
  required?: string[];
}

const DEFINITION_OF: Record<Category, string> = {
  incident_notification: 'incidentNotification',
  referral: 'referral',
  referral_status: 'referralStatus',
  community_concern: 'communityConcern',
};

const definitions = (schema as unknown as { definitions: Record<string, JsonNode> }).definitions;

function categoryNode(category: Category): JsonNode {
  return definitions[DEFINITION_OF[category]] ?? {};
}

/** A node, or the definition its `$ref` names (the schema's only references are to its own definitions). */
function resolved(node: JsonNode | undefined): JsonNode | undefined {
  return node?.$ref ? definitions[node.$ref.replace('#/definitions/', '')] : node;
}

function choices(node: JsonNode | undefined): string[] {
  if (!node) return [];
  if (node.const !== undefined) return [String(node.const)];
  return (node.enum ?? []).map(String);
}

/** Each field a flow of this category may release, with the precisions it may be released at. */
export function fieldOptions(category: Category): { field: string; precisions: string[]; required: boolean }[] {
  const fields = categoryNode(category).properties?.fields;
  const required = new Set(fields?.required ?? []);
  return Object.entries(fields?.properties ?? {}).map(([field, node]) => ({
    field,
    precisions: choices(node),
    required: required.has(field),
  }));
}

/** The direction the schema fixes for a category (`from` and `to` are constants per category). */
export function directionOf(category: Category): { from: Party; to: Party } {
  const properties = categoryNode(category).properties ?? {};
  return {
    from: (choices(properties.from)[0] ?? 'police') as Party,
    to: (choices(properties.to)[0] ?? 'partner') as Party,
  };
}

/** Whether the schema lets a flow of this category ask for consent (only referrals may). */
export function consentAllowed(category: Category): boolean {
  const consent = categoryNode(category).properties?.consentRequired;
  return !(consent && consent.const === false);
}

export type ConditionKind = 'choices' | 'codes' | 'age' | 'flag';

/** The conditions a flow of this category may carry, and how the form edits each. */
export function conditionOptions(category: Category): { key: string; kind: ConditionKind; choices: string[] }[] {
  const conditions = resolved(categoryNode(category).properties?.conditions)?.properties ?? {};
  return Object.entries(conditions).map(([key, node]) => {
    if (node.type === 'boolean') return { key, kind: 'flag', choices: [] };
    if (node.type === 'integer') return { key, kind: 'age', choices: [] };
    const listed = choices(resolved(node.items));
    return listed.length > 0 ? { key, kind: 'choices', choices: listed } : { key, kind: 'codes', choices: [] };
  });
}

/** A flow as the API stores it → the form's model. */
export function toDraft(flow: Record<string, unknown>): FlowDraft {
  const category = (CATEGORIES as readonly string[]).includes(String(flow.category))
    ? (flow.category as Category)
    : 'incident_notification';
  return {
    id: String(flow.id ?? ''),
    category,
    from: flow.from === 'partner' ? 'partner' : 'police',
    to: flow.to === 'police' ? 'police' : 'partner',
    audience: Array.isArray(flow.audience) ? flow.audience.map(String) : [],
    conditions: { ...((flow.conditions as Record<string, unknown> | undefined) ?? {}) },
    fields: { ...((flow.fields as Record<string, string> | undefined) ?? {}) },
    consentRequired: flow.consentRequired === true,
    retentionDays: typeof flow.retentionDays === 'number' ? flow.retentionDays : '',
    acknowledgeWithinHours: typeof flow.acknowledgeWithinHours === 'number' ? flow.acknowledgeWithinHours : '',
  };
}

/**
 * The form's model → what PATCH /agreement-versions/:id sends. A blank optional number is left out; a blank
 * retention is sent as missing, so the API names it (`flows[0].retentionDays is required`) at its field.
 */
export function fromDraft(draft: FlowDraft): Record<string, unknown> {
  const conditions = Object.fromEntries(
    Object.entries(draft.conditions).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && !v.length)),
  );
  return {
    id: draft.id,
    category: draft.category,
    from: draft.from,
    to: draft.to,
    audience: draft.audience,
    ...(Object.keys(conditions).length > 0 ? { conditions } : {}),
    fields: draft.fields,
    consentRequired: draft.consentRequired,
    ...(draft.retentionDays === '' ? {} : { retentionDays: draft.retentionDays }),
    ...(draft.acknowledgeWithinHours === '' ? {} : { acknowledgeWithinHours: draft.acknowledgeWithinHours }),
  };
}

/** A new flow of a category: its fixed direction, no field released yet, a month's retention. */
export function newFlow(category: Category, existingIds: string[]): FlowDraft {
  const base = category.replace(/_/g, '-');
  let id = base;
  for (let n = 2; existingIds.includes(id); n++) id = `${base}-${n}`;
  return {
    id,
    category,
    ...directionOf(category),
    audience: [],
    conditions: {},
    fields: Object.fromEntries(
      fieldOptions(category)
        .filter((f) => f.required)
        .map((f) => [f.field, f.precisions[0] ?? 'include']),
    ),
    consentRequired: false,
    retentionDays: 30,
    acknowledgeWithinHours: '',
  };
}

/** Changing a flow's category: its direction follows, and fields or conditions the new one has not are dropped. */
export function withCategory(draft: FlowDraft, category: Category): FlowDraft {
  const fields = new Set(fieldOptions(category).map((f) => f.field));
  const conditions = new Set(conditionOptions(category).map((c) => c.key));
  return {
    ...draft,
    category,
    ...directionOf(category),
    fields: Object.fromEntries(Object.entries(draft.fields).filter(([k]) => fields.has(k))),
    conditions: Object.fromEntries(Object.entries(draft.conditions).filter(([k]) => conditions.has(k))),
    consentRequired: consentAllowed(category) ? draft.consentRequired : false,
  };
}

import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { policiesDir } from './policies-dir';

export type FlowCategory = 'incident_notification' | 'referral' | 'referral_status' | 'community_concern';
export type Party = 'police' | 'partner';

/** One flow of an agreement version: what may go from whom to whom, at what precision. */
export interface Flow {
  id: string;
  category: FlowCategory;
  from: Party;
  to: Party;
  audience: string[];
  conditions?: Record<string, unknown>;
  /** Field name → precision (`include`, `hour`, `block`, …). A field not named is withheld. */
  fields: Record<string, string>;
  consentRequired?: boolean;
  retentionDays: number;
  acknowledgeWithinHours?: number;
}

export interface SharingParameters {
  flows: Flow[];
}

export interface SharingParametersProblem {
  /** Where, as a person reads it: `flows[1].fields.location`. */
  path: string;
  reason: string;
}

export type SharingParametersValidation =
  { valid: true; parameters: SharingParameters } | { valid: false; problems: SharingParametersProblem[] };

/** Fields that identify a person. Only `referral` flows may carry them; the schema has no place for them elsewhere. */
export const PERSON_FIELDS: ReadonlySet<string> = new Set([
  'name',
  'firstName',
  'lastName',
  'contact',
  'phone',
  'email',
  'dateOfBirth',
  'age',
  'address',
  'photo',
  'caseNumber',
]);

const NON_IDENTIFYING: ReadonlySet<string> = new Set(['incident_notification', 'community_concern', 'referral_status']);

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(join(policiesDir(), 'sharing-parameters.schema.json'), 'utf8')) as object;
    compiled = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: false }).compile(
      schema,
    );
  }
  return compiled;
}

function toReadablePath(instancePath: string, extra?: string): string {
  const segments = instancePath.split('/').filter(Boolean);
  if (extra !== undefined) segments.push(extra);
  return segments.reduce(
    (path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment),
    '',
  );
}

function flowAt(input: unknown, instancePath: string): Record<string, unknown> | undefined {
  const match = /^\/flows\/(\d+)/.exec(instancePath);
  const flows = (input as { flows?: unknown })?.flows;
  if (!match || !Array.isArray(flows)) return undefined;
  const flow: unknown = flows[Number(match[1])];
  return flow && typeof flow === 'object' ? (flow as Record<string, unknown>) : undefined;
}

function explain(error: ErrorObject, input: unknown): SharingParametersProblem | undefined {
  const flow = flowAt(input, error.instancePath);
  const category = typeof flow?.category === 'string' ? flow.category : undefined;
  switch (error.keyword) {
    case 'if':
      return undefined; // the matching `then` errors say what is wrong
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const path = toReadablePath(error.instancePath, key);
      if (
        error.instancePath.endsWith('/fields') &&
        category &&
        NON_IDENTIFYING.has(category) &&
        PERSON_FIELDS.has(key)
      ) {
        return {
          path,
          reason:
            `"${key}" identifies a person; ` +
            `${category} flows are non-identifying and can never carry person fields`,
        };
      }
      if (error.instancePath.endsWith('/fields'))
        return { path, reason: `"${key}" is not a field of ${category ?? 'this'} flows` };
      return { path, reason: `unknown key "${key}"` };
    }
    case 'const': {
      const path = toReadablePath(error.instancePath);
      const allowed = JSON.stringify((error.params as { allowedValue: unknown }).allowedValue);
      if ((path.endsWith('.from') || path.endsWith('.to')) && category) {
        const direction =
          category === 'referral' || category === 'incident_notification'
            ? 'from police to partner'
            : 'from partner to police';
        return {
          path,
          reason:
            `${category} flows go ${direction} only ` +
            `(partner→police flows may only be referral_status or community_concern); expected ${allowed}`,
        };
      }
      return { path, reason: `must be ${allowed}` };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      return {
        path: toReadablePath(error.instancePath),
        reason: `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`,
      };
    }
    case 'required':
      return {
        path: toReadablePath(error.instancePath, String((error.params as { missingProperty: string }).missingProperty)),
        reason: 'is required',
      };
    default:
      return { path: toReadablePath(error.instancePath) || '(root)', reason: error.message ?? 'is not valid' };
  }
}

/** Rules that span several fields and so are not expressed in the JSON schema. */
function crossFieldProblems(parameters: SharingParameters): SharingParametersProblem[] {
  const problems: SharingParametersProblem[] = [];
  const seen = new Map<string, number>();
  parameters.flows.forEach((flow, index) => {
    const earlier = seen.get(flow.id);
    if (earlier !== undefined)
      problems.push({ path: `flows[${index}].id`, reason: `duplicates the id of flows[${earlier}]` });
    seen.set(flow.id, index);
    const c = flow.conditions ?? {};
    for (const [min, max] of [
      ['victimAgeMin', 'victimAgeMax'],
      ['personAgeMin', 'personAgeMax'],
    ] as const) {
      if (typeof c[min] === 'number' && typeof c[max] === 'number' && (c[min] as number) > (c[max] as number)) {
        problems.push({ path: `flows[${index}].conditions.${min}`, reason: `is greater than ${max}` });
      }
    }
    if (flow.category === 'referral' && flow.fields.contact === undefined && flow.fields.name === undefined) {
      problems.push({
        path: `flows[${index}].fields`,
        reason: 'a referral flow must release at least a name or a contact, or the partner cannot reach the person',
      });
    }
  });
  return problems;
}

/**
 * Validates a version's sharing parameters before it can be proposed. Every problem names the exact
 * path and the reason; unknown keys are errors, never ignored.
 */
export function validateSharingParameters(input: unknown): SharingParametersValidation {
  const validate = validator();
  if (!validate(input)) {
    const problems = (validate.errors ?? [])
      .map((e) => explain(e, input))
      .filter((p): p is SharingParametersProblem => p !== undefined);
    const unique = [...new Map(problems.map((p) => [`${p.path}|${p.reason}`, p])).values()];
    return { valid: false, problems: unique };
  }
  const parameters = input as SharingParameters;
  const problems = crossFieldProblems(parameters);
  return problems.length > 0 ? { valid: false, problems } : { valid: true, parameters };
}

/** Two-way when any flow goes from the partner to the police. */
export function directionOf(parameters: SharingParameters): 'one_way' | 'two_way' {
  return parameters.flows.some((f) => f.from === 'partner' && f.to === 'police') ? 'two_way' : 'one_way';
}

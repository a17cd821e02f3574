import { subject as asSubject } from '@casl/ability';
import { permittedFieldsOf } from '@casl/ability/extra';
import { DomainException, ErrorCode } from '@accord/http';
import type { Action, Subject } from './actions';
import type { AppAbility } from './auth-context';

/** The fields of `object` the caller may act on; a rule without `fields` covers every field. */
export function permittedFields(
  ability: AppAbility,
  action: Action,
  type: Subject,
  object: object,
  allFields: readonly string[],
): string[] {
  return permittedFieldsOf(ability, action, asSubject(type, { ...object }) as never, {
    fieldsFrom: (rule) => rule.fields ?? [...allFields],
  });
}

/**
 * Field-level write check (docs/security.md, "Authorization"): refuses the whole change, naming the
 * fields, when any of `fields` is not writable by the caller on this object.
 */
export function assertWritableFields(
  ability: AppAbility,
  action: Action,
  type: Subject,
  object: object,
  fields: readonly string[],
): void {
  const allowed = new Set(permittedFields(ability, action, type, object, fields));
  const refused = fields.filter((field) => !allowed.has(field));
  if (refused.length > 0) {
    throw new DomainException(ErrorCode.FieldNotPermitted, `You may not change ${refused.join(', ')} here`, {
      fields: refused,
    });
  }
}

/** Field-level read: keeps only the keys of `view` the caller may read on `object`. */
export function pickReadableFields<T extends object>(
  ability: AppAbility,
  action: Action,
  type: Subject,
  object: object,
  view: T,
): Partial<T> {
  const allowed = new Set(permittedFields(ability, action, type, object, Object.keys(view)));
  return Object.fromEntries(Object.entries(view).filter(([key]) => allowed.has(key))) as Partial<T>;
}

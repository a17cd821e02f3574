import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainException } from './domain.exception';
import { ErrorCode } from './error-code';

export interface FieldProblem {
  path: string;
  problems: string[];
}

/** Flattens nested class-validator errors into `a.b[2].c` paths; values are never echoed. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const path = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    if (error.constraints) {
      const problems = Object.entries(error.constraints).map(([rule, text]) =>
        rule === 'whitelistValidation' ? 'is not an allowed field' : text.replace(/^\S+ /, ''),
      );
      out.push({ path, problems });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

/**
 * Strict input handling for every route: unknown fields are errors, not silently dropped; DTOs
 * are real class instances; nothing is converted implicitly (a "false" string never becomes true).
 */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) =>
      new DomainException(ErrorCode.ValidationFailed, 'The request is not valid', {
        fields: flattenValidationErrors(errors),
      }),
  });
}

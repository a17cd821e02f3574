import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * A date-time that may not come before another of the same body (an end before its start), when
 * both are given. Each field's own format is checked by its @IsDateString.
 */
export function NotBefore(property: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'notBefore',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [property],
      options: { message: `must not be before ${property}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          const other = (args.object as Record<string, unknown>)[property];
          if (typeof value !== 'string' || typeof other !== 'string') return true;
          const [end, start] = [Date.parse(value), Date.parse(other)];
          return Number.isNaN(end) || Number.isNaN(start) || end >= start;
        },
      },
    });
}

import { Param, ParseUUIDPipe, type ParseUUIDPipeOptions } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';

/**
 * A path parameter that must be a UUID (400 otherwise), documented as `format: uuid`: one
 * decorator, so the check and the document cannot disagree.
 */
export function UuidParam(name: string, options: ParseUUIDPipeOptions = {}): ParameterDecorator {
  const param = Param(name, new ParseUUIDPipe(options));
  const documented = ApiParam({ name, type: String, format: 'uuid' });
  return (target, key, index) => {
    param(target, key, index);
    // Parameter decorators run before the method's own: the method is already on the prototype.
    const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (!descriptor) throw new Error(`@UuidParam('${name}') belongs on a controller method's parameter`);
    documented(target, key!, descriptor);
  };
}

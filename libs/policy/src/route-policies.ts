import type { INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { POLICY_METADATA, PUBLIC_METADATA, PUBLIC_POLICY, type RoutePolicy } from './authorize.decorator';

export interface RouteDeclaration {
  route: string;
  policy: string;
}

function joinPath(...parts: string[]): string {
  return (
    '/' +
    parts
      .flatMap((p) => p.split('/'))
      .filter(Boolean)
      .join('/')
  );
}

/**
 * Every controller route (as declared, without the global prefix) with its declared policy ("public", "<action>
 * <subject>" or "UNDECLARED"). The route snapshot test compares this list with the committed one, so any permission
 * change is a reviewed diff.
 */
export function listRoutePolicies(app: INestApplication): RouteDeclaration[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const routes: RouteDeclaration[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const controllerPaths = [reflector.get<string | string[]>(PATH_METADATA, wrapper.metatype) ?? ''].flat();
    const prototype = Object.getPrototypeOf(instance) as Record<string, (...args: unknown[]) => unknown>;
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[methodName]!;
      const methodPath = reflector.get<string | string[] | undefined>(PATH_METADATA, handler);
      if (methodPath === undefined) continue;
      const method = RequestMethod[reflector.get<RequestMethod>(METHOD_METADATA, handler)];
      const targets = [handler, wrapper.metatype];
      const isPublic = reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets);
      const policy = reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY_METADATA, targets);
      const declared = isPublic ? PUBLIC_POLICY : policy ? `${policy.action} ${policy.subject}` : 'UNDECLARED';
      for (const controllerPath of controllerPaths) {
        for (const path of [methodPath].flat()) {
          routes.push({ route: `${method} ${joinPath(controllerPath, path)}`, policy: declared });
        }
      }
    }
  }
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}

import type { NextFunction, Request, Response } from 'express';
import { DomainException } from './domain.exception';
import { ErrorCode } from './error-code';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Returns the path of the first key that could pollute a prototype, or undefined. */
export function findForbiddenKey(value: unknown, path = '', depth = 0): string | undefined {
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return here;
    const found = findForbiddenKey((value as Record<string, unknown>)[key], here, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * JSON.parse keeps `__proto__` as an ordinary key, and a later merge or class-transformer copy
 * could turn it into a prototype change; such bodies are refused before anything reads them.
 */
export function forbiddenKeysMiddleware(req: Request, _res: Response, next: NextFunction): void {
  const path = findForbiddenKey(req.body) ?? findForbiddenKey(req.query);
  if (path) {
    next(
      new DomainException(ErrorCode.ForbiddenKey, `The key "${path.split('.').pop()}" is not allowed in a request`, {
        path,
      }),
    );
    return;
  }
  next();
}

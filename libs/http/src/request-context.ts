import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** Fields Accord adds to every request before any guard or controller runs. */
export interface AccordRequestFields {
  requestId: string;
  startedAt: number;
}

export type AccordRequest = Request & AccordRequestFields;

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * A client may pass its own X-Request-Id so its logs and ours line up; anything that does not look
 * like an id is replaced, so the header can never inject text into logs or the audit.
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header('x-request-id');
  const requestId = incoming && CLIENT_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  Object.assign(req, { requestId, startedAt: Date.now() } satisfies AccordRequestFields);
  res.setHeader('X-Request-Id', requestId);
  next();
}

export function requestIdOf(req: Request): string | undefined {
  return (req as Partial<AccordRequest>).requestId;
}

interface RequestLogger {
  log(message: unknown, ...optional: unknown[]): void;
}

/**
 * One structured line per request. It names the matched route pattern (`/users/:id`), never the
 * raw URL or query string, which could carry personal data.
 */
export function requestLogMiddleware(logger: RequestLogger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.on('finish', () => {
      const fields = req as Partial<AccordRequest> & { route?: { path?: string } };
      logger.log(
        {
          event: 'http_request',
          requestId: fields.requestId,
          method: req.method,
          route: fields.route?.path ? `${req.baseUrl}${fields.route.path}` : 'unmatched',
          status: res.statusCode,
          durationMs: fields.startedAt ? Date.now() - fields.startedAt : undefined,
        },
        'Http',
      );
    });
    next();
  };
}

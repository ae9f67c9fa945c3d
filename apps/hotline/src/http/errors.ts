import { ErrorCode, isHotlineError } from '@hotline/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../log.ts';

/** The one mapping from error codes to HTTP statuses. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  illegal_transition: 409,
  rate_limited: 429,
  locked_out: 429,
  payload_too_large: 413,
  config_invalid: 500,
  unavailable: 503,
  internal: 500,
};

/** Maps any thrown error to `{ error: { code, message } }`; a 500 never leaks internals. */
export function errorHandler(log: Logger) {
  return (err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) => {
    if (isHotlineError(err)) {
      const status = HTTP_STATUS[err.code] ?? 500;
      const details = err.details as { retryAfterSeconds?: number } | undefined;
      if (details?.retryAfterSeconds) reply.header('retry-after', String(details.retryAfterSeconds));
      return reply
        .code(status)
        .send({ error: { code: err.code, message: err.message, ...(details ? { details } : {}) } });
    }
    const fe = err as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({ error: { code: ErrorCode.PayloadTooLarge, message: 'request body too large' } });
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.code(fe.statusCode).send({ error: { code: ErrorCode.BadRequest, message: fe.message } });
    }
    log.error({ err, url: req.url, method: req.method }, 'unhandled error');
    return reply.code(500).send({ error: { code: ErrorCode.Internal, message: 'internal error' } });
  };
}

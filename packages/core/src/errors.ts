/**
 * Coded errors. Expected failures carry a code from this one list; the HTTP mapper
 * (apps/hotline) and the SIP mapper (packages/sip) translate codes, never messages.
 */
export const ErrorCode = {
  BadRequest: 'bad_request',
  ValidationFailed: 'validation_failed',
  Unauthenticated: 'unauthenticated',
  Forbidden: 'forbidden',
  CsrfFailed: 'csrf_failed',
  NotFound: 'not_found',
  Conflict: 'conflict',
  IllegalTransition: 'illegal_transition',
  RateLimited: 'rate_limited',
  LockedOut: 'locked_out',
  PayloadTooLarge: 'payload_too_large',
  ConfigInvalid: 'config_invalid',
  Unavailable: 'unavailable',
  Internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class HotlineError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'HotlineError';
    this.code = code;
    this.details = details;
  }
}

export function isHotlineError(e: unknown): e is HotlineError {
  return e instanceof HotlineError;
}

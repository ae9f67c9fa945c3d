import { addHeader, getHeader, setHeader } from './headers.ts';
import { randomTokenHex } from './random-token.ts';
import { EMPTY_BODY, type SipRequest, type SipResponse } from './sip-message.ts';

/** Default reason phrases (RFC 3261 §21 and extensions used here). */
export const REASON_PHRASES: Readonly<Record<number, string>> = {
  100: 'Trying',
  180: 'Ringing',
  181: 'Call Is Being Forwarded',
  182: 'Queued',
  183: 'Session Progress',
  200: 'OK',
  202: 'Accepted',
  301: 'Moved Permanently',
  302: 'Moved Temporarily',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  415: 'Unsupported Media Type',
  420: 'Bad Extension',
  423: 'Interval Too Brief',
  480: 'Temporarily Unavailable',
  481: 'Call/Transaction Does Not Exist',
  482: 'Loop Detected',
  483: 'Too Many Hops',
  486: 'Busy Here',
  487: 'Request Terminated',
  488: 'Not Acceptable Here',
  491: 'Request Pending',
  500: 'Server Internal Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
  504: 'Server Time-out',
  505: 'Version Not Supported',
  603: 'Decline',
};

export interface ResponseOptions {
  reason?: string;
  /** To-tag to add when the request's To has none (§8.2.6.2); ignored for 100 Trying. */
  toTag?: string;
  headers?: ReadonlyArray<readonly [string, string]>;
  body?: Uint8Array;
}

/**
 * Builds a response to `req` per §8.2.6.2: Via (all, in order), From, To (+tag), Call-ID and CSeq
 * copied; a To-tag is added to every non-100 response whose request had none.
 */
export function createResponse(req: SipRequest, status: number, opts: ResponseOptions = {}): SipResponse {
  const res: SipResponse = {
    kind: 'response',
    status,
    reason: opts.reason ?? REASON_PHRASES[status] ?? 'Unknown',
    headers: req.headers.filter((h) => h.name === 'Via'),
    body: opts.body ?? EMPTY_BODY,
  };
  const from = getHeader(req, 'From');
  if (from !== undefined) setHeader(res, 'From', from);
  let to = getHeader(req, 'To');
  if (to !== undefined && status !== 100 && !/;\s*tag\s*=/i.test(to))
    to = `${to};tag=${opts.toTag ?? randomTokenHex(6)}`;
  if (to !== undefined) setHeader(res, 'To', to);
  for (const n of ['Call-ID', 'CSeq']) {
    const v = getHeader(req, n);
    if (v !== undefined) setHeader(res, n, v);
  }
  // §12.1.1: responses that may establish a dialog copy Record-Route, in order.
  if (status > 100 && status < 300) for (const h of req.headers) if (h.name === 'Record-Route') res.headers.push(h);
  // §8.2.6.1: a 100 Trying copies any Timestamp header.
  const ts = getHeader(req, 'Timestamp');
  if (status === 100 && ts !== undefined) setHeader(res, 'Timestamp', ts);
  for (const [n, v] of opts.headers ?? []) addHeader(res, n, v);
  return res;
}

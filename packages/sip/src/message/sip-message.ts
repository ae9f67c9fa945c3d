/**
 * The SIP message as data (RFC 3261 §7). Headers keep their order and are stored one entry per
 * header line, with the name in its canonical long form and the value unfolded and trimmed;
 * comma-separated values are split on demand by `headerValues()`.
 */
export interface SipHeader {
  readonly name: string;
  readonly value: string;
}

interface SipMessageBase {
  headers: SipHeader[];
  body: Uint8Array;
}

export interface SipRequest extends SipMessageBase {
  readonly kind: 'request';
  method: string;
  uri: string;
}

export interface SipResponse extends SipMessageBase {
  readonly kind: 'response';
  status: number;
  reason: string;
}

export type SipMessage = SipRequest | SipResponse;

/** Why a byte sequence is not a SIP message. `response` is true when a 400 can still be built. */
export interface ParseError {
  readonly kind: 'error';
  readonly reason: string;
  /** The partially parsed request, when far enough to answer it with 400 (§8.2). */
  readonly partial?: SipRequest;
}

export const EMPTY_BODY: Uint8Array = new Uint8Array(0);

export function isParseError(x: SipMessage | ParseError): x is ParseError {
  return x.kind === 'error';
}

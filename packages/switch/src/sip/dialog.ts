import { randomHex } from '@hotline/core';
import {
  type Destination,
  EMPTY_BODY,
  formatNameAddr,
  formatUri,
  getHeader,
  getHeaders,
  parseNameAddr,
  type SipRequest,
  type SipResponse,
  setHeader,
} from '@hotline/sip';

/**
 * A dialog (RFC 3261 §12) as plain data plus the functions that build requests inside it. A thin
 * adapter kept in the switch until `@hotline/sip` ships its dialog layer. In-dialog requests go to
 * `dest`: the address the peer's messages come from (a registered phone's flow, RFC 5626 spirit)
 * or the trunk, rather than a DNS lookup of the remote target.
 */
export interface Dialog {
  readonly callId: string;
  readonly localTag: string;
  remoteTag: string;
  /** Our From/To value without tag. */
  readonly localUri: string;
  readonly remoteUri: string;
  /** The peer's Contact URI (§12.1.1/§12.1.2): Request-URI of our in-dialog requests. */
  remoteTarget: string;
  /** Route set from Record-Route (§12.1.1: as is for the UAS, reversed for the UAC). */
  readonly routeSet: string[];
  localSeq: number;
  remoteSeq: number;
  dest: Destination;
  /** Our Contact header value. */
  readonly contact: string;
}

export function newTag(): string {
  return randomHex(6);
}

export function newCallId(host: string): string {
  return `${randomHex(12)}@${host}`;
}

/** The header value with its tag parameter removed (and the tag returned). */
export function splitTag(value: string): { uri: string; tag: string | null } {
  const na = parseNameAddr(value);
  if (!na) return { uri: value, tag: null };
  const tag = na.params.get('tag') ?? null;
  na.params.delete('tag');
  return { uri: formatNameAddr(na), tag };
}

/** The URI inside a Contact value (first contact), or null. */
export function contactUri(msg: SipRequest | SipResponse): string | null {
  const c = getHeaders(msg, 'Contact')[0];
  if (!c) return null;
  const na = parseNameAddr(c);
  return na ? formatUri(na.uri) : null;
}

function cseqNumber(msg: SipRequest | SipResponse): number {
  return Number((getHeader(msg, 'CSeq') ?? '0').trim().split(/\s+/)[0]) || 0;
}

/** §12.1.1: the UAS side of a dialog created by answering `invite` with To-tag `localTag`. */
export function uasDialog(invite: SipRequest, source: Destination, localTag: string, contact: string): Dialog {
  const from = splitTag(getHeader(invite, 'From') ?? '');
  const to = splitTag(getHeader(invite, 'To') ?? '');
  return {
    callId: getHeader(invite, 'Call-ID') ?? '',
    localTag,
    remoteTag: from.tag ?? '',
    localUri: to.uri,
    remoteUri: from.uri,
    remoteTarget: contactUri(invite) ?? invite.uri,
    routeSet: getHeaders(invite, 'Record-Route'),
    localSeq: Math.floor(Math.random() * 10_000) + 1,
    remoteSeq: cseqNumber(invite),
    dest: source,
    contact,
  };
}

/** §12.1.2: the UAC side, once a response with a To-tag arrives for our INVITE. */
export function uacDialog(invite: SipRequest, res: SipResponse, dest: Destination, contact: string): Dialog {
  const from = splitTag(getHeader(invite, 'From') ?? '');
  const to = splitTag(getHeader(res, 'To') ?? '');
  return {
    callId: getHeader(invite, 'Call-ID') ?? '',
    localTag: from.tag ?? '',
    remoteTag: to.tag ?? '',
    localUri: from.uri,
    remoteUri: to.uri,
    remoteTarget: contactUri(res) ?? invite.uri,
    routeSet: getHeaders(res, 'Record-Route').reverse(),
    localSeq: cseqNumber(invite),
    remoteSeq: 0,
    dest,
    contact,
  };
}

export interface InDialogOptions {
  body?: string | Uint8Array;
  contentType?: string;
  headers?: ReadonlyArray<readonly [string, string]>;
  /** ACK for a 2xx reuses the INVITE's CSeq number (§13.2.2.4). */
  cseq?: number;
}

/** §12.2.1.1: a request inside the dialog; increments the local CSeq (except for ACK). */
export function inDialogRequest(d: Dialog, method: string, opts: InDialogOptions = {}): SipRequest {
  const seq = opts.cseq ?? (method === 'ACK' ? d.localSeq : ++d.localSeq);
  const body = typeof opts.body === 'string' ? Buffer.from(opts.body) : (opts.body ?? EMPTY_BODY);
  const req: SipRequest = { kind: 'request', method, uri: d.remoteTarget, headers: [], body };
  for (const r of d.routeSet) req.headers.push({ name: 'Route', value: r });
  setHeader(req, 'From', `${d.localUri};tag=${d.localTag}`);
  setHeader(req, 'To', d.remoteTag ? `${d.remoteUri};tag=${d.remoteTag}` : d.remoteUri);
  setHeader(req, 'Call-ID', d.callId);
  setHeader(req, 'CSeq', `${seq} ${method}`);
  if (method !== 'ACK' && method !== 'BYE' && method !== 'CANCEL') setHeader(req, 'Contact', d.contact);
  for (const [n, v] of opts.headers ?? []) req.headers.push({ name: n, value: v });
  if (body.length > 0) setHeader(req, 'Content-Type', opts.contentType ?? 'application/sdp');
  setHeader(req, 'Content-Length', String(body.length));
  return req;
}

/** Does `req` belong to dialog `d` (§12.2.2: Call-ID, remote tag in From, our tag in To)? */
export function dialogKeyOfRequest(req: SipRequest): string | null {
  const callId = getHeader(req, 'Call-ID');
  const from = splitTag(getHeader(req, 'From') ?? '').tag;
  const to = splitTag(getHeader(req, 'To') ?? '').tag;
  if (!callId || !from || !to) return null;
  return `${callId}|${to}|${from}`;
}

export function dialogKey(d: Dialog): string {
  return `${d.callId}|${d.localTag}|${d.remoteTag}`;
}

import { cseqOf, fromOf, getHeader, tagOf, topViaOf } from '../message/headers.ts';
import type { SipMessage, SipRequest } from '../message/sip-message.ts';
import { BRANCH_MAGIC_COOKIE, formatVia, viaBranch } from '../message/via.ts';

/**
 * §17.2.3: a request matches a server transaction by top-Via branch, sent-by and method, ACK
 * counting as INVITE. Branches without the magic cookie fall back to RFC 2543 matching
 * (Call-ID, CSeq number, From tag, top Via).
 */
export function serverTransactionKey(req: SipRequest, method = req.method): string | null {
  const via = topViaOf(req);
  if (!via) return null;
  const m = method === 'ACK' ? 'INVITE' : method;
  const branch = viaBranch(via);
  if (branch?.startsWith(BRANCH_MAGIC_COOKIE) && branch.length > BRANCH_MAGIC_COOKIE.length) {
    return `${branch}|${via.host}:${via.port ?? ''}|${m}`;
  }
  const cseq = cseqOf(req);
  const sentVia = formatVia({
    ...via,
    params: new Map([...via.params].filter(([k]) => k !== 'received' && k !== 'rport')),
  });
  return `2543|${getHeader(req, 'Call-ID')}|${cseq?.seq}|${tagOf(fromOf(req))}|${sentVia}|${m}`;
}

/** §17.1.3: a response matches a client transaction by top-Via branch and CSeq method. */
export function clientTransactionKey(msg: SipMessage): string | null {
  const via = topViaOf(msg);
  const branch = via ? viaBranch(via) : null;
  const cseq = cseqOf(msg);
  if (!branch || !cseq) return null;
  return `${branch}|${cseq.method === 'ACK' ? 'INVITE' : cseq.method}`;
}

/** §8.2.2.2: requests without a To tag that share From tag, Call-ID and CSeq are merged copies. */
export function mergeKey(req: SipRequest): string | null {
  const toTag = getHeader(req, 'To')?.match(/;\s*tag\s*=/i);
  if (toTag) return null;
  const cseq = cseqOf(req);
  return `${tagOf(fromOf(req))}|${getHeader(req, 'Call-ID')}|${cseq?.seq}|${cseq?.method}`;
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeScheduler } from '@hotline/core';
import { createResponse } from '../message/create-response.ts';
import { getHeader, topViaOf } from '../message/headers.ts';
import { parseMessage } from '../message/parse-message.ts';
import type { SipRequest, SipResponse } from '../message/sip-message.ts';
import { MemoryTransport } from '../transport/memory-transport.ts';
import { type IncomingRequest, SipEndpoint } from './sip-endpoint.ts';

const UAC = { protocol: 'udp' as const, host: '10.0.0.7', port: 5062 };

function setup(protocol: 'udp' | 'tcp' = 'udp') {
  const s = new FakeScheduler(0);
  const t = new MemoryTransport({ host: '127.0.0.1', port: 5060 }, protocol);
  const ep = new SipEndpoint({ transports: [t], scheduler: s });
  const requests: IncomingRequest[] = [];
  ep.request.on((r) => requests.push(r));
  return { s, t, ep, requests };
}

function request(method: string, branch = 'z9hG4bKabc1', extra = ''): string {
  return (
    `${method} sip:1001@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.168.1.9:5062;branch=${branch};rport\r\n` +
    `From: <sip:2000@127.0.0.1>;tag=ft1\r\nTo: <sip:1001@127.0.0.1>${extra}\r\nCall-ID: c1@x\r\n` +
    `CSeq: 7 ${method}\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n`
  );
}

const statusLines = (t: MemoryTransport) => t.sentText().map((x) => x.split('\r\n')[0]);

test('non-INVITE client over UDP: Timer E doubles to T2, Timer F times out at 64*T1', () => {
  const { s, t, ep } = setup();
  const req = parseMessage(request('OPTIONS')) as SipRequest;
  req.headers = req.headers.filter((h) => h.name !== 'Via');
  const tx = ep.sendRequest(req, { protocol: 'udp', host: '127.0.0.1', port: 5080 });
  let timedOut = false;
  tx.timedOut.on(() => {
    timedOut = true;
  });
  const times: number[] = [];
  const origSend = t.sent.push.bind(t.sent);
  t.sent.push = (...items) => {
    times.push(s.now());
    return origSend(...items);
  };
  s.advance(31_999);
  assert.deepEqual(times, [500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
  assert.equal(timedOut, false);
  s.advance(1);
  assert.equal(timedOut, true);
  assert.equal(tx.state, 'terminated');
  assert.equal(ep.clientTransactionCount, 0);
});

test('INVITE client: Timer A doubles; a 486 is ACKed in-transaction (same branch), retransmits re-ACKed', () => {
  const { s, t, ep } = setup();
  const req = parseMessage(request('INVITE')) as SipRequest;
  req.headers = req.headers.filter((h) => h.name !== 'Via');
  const tx = ep.sendRequest(req, { protocol: 'udp', host: '127.0.0.1', port: 5080 });
  const seen: number[] = [];
  tx.response.on((r) => seen.push(r.status));
  s.advance(3_500);
  assert.equal(t.sent.length, 4); // 0, 500, 1500, 3500
  const sentInvite = parseMessage(t.sent[0]!.data) as SipRequest;
  const branch = topViaOf(sentInvite)?.params.get('branch');
  const busy = createResponse(sentInvite, 486, { toTag: 'tt' });
  t.inject(Buffer.from(serializeText(busy)), { protocol: 'udp', host: '127.0.0.1', port: 5080 });
  assert.equal(tx.state, 'completed');
  const ack = parseMessage(t.sent[4]!.data) as SipRequest;
  assert.equal(ack.method, 'ACK');
  assert.equal(topViaOf(ack)?.params.get('branch'), branch);
  assert.match(getHeader(ack, 'To') ?? '', /tag=tt/);
  assert.equal(getHeader(ack, 'CSeq'), '7 ACK');
  t.inject(Buffer.from(serializeText(busy)), { protocol: 'udp', host: '127.0.0.1', port: 5080 });
  assert.equal(t.sent.length, 6);
  assert.deepEqual(seen, [486]);
  s.advance(32_000);
  assert.equal(tx.state, 'terminated');
});

test('INVITE client: 2xx moves to Accepted, retransmitted 2xx reach the TU, Timer M ends it', () => {
  const { s, t, ep } = setup();
  const req = parseMessage(request('INVITE')) as SipRequest;
  req.headers = req.headers.filter((h) => h.name !== 'Via');
  const tx = ep.sendRequest(req, { protocol: 'udp', host: '127.0.0.1', port: 5080 });
  const seen: number[] = [];
  tx.response.on((r) => seen.push(r.status));
  const ok = createResponse(parseMessage(t.sent[0]!.data) as SipRequest, 200, { toTag: 'x' });
  for (let i = 0; i < 2; i++) t.inject(Buffer.from(serializeText(ok)), UAC);
  assert.deepEqual(seen, [200, 200]);
  assert.equal(tx.state, 'accepted');
  s.advance(32_000);
  assert.equal(tx.state, 'terminated');
});

test('INVITE server: 100 Trying at once, 486 retransmitted by Timer G until ACK, then Timer I', () => {
  const { s, t, requests } = setup();
  t.inject(request('INVITE'), UAC);
  assert.deepEqual(statusLines(t), ['SIP/2.0 100 Trying']);
  const inc = requests[0]!;
  inc.respond(486);
  s.advance(4_000); // G: 500, 1000, 2000 → resends at 500, 1500, 3500
  assert.equal(t.sent.length, 1 + 1 + 3);
  t.inject(request('INVITE'), UAC); // retransmitted INVITE → last final again
  assert.equal(t.sent.length, 6);
  const ack = request('ACK').replace(
    'To: <sip:1001@127.0.0.1>',
    `To: ${getHeader(inc.transaction.lastResponse!, 'To')}`,
  );
  t.inject(ack, UAC);
  assert.equal(inc.transaction.state, 'confirmed');
  s.advance(10_000);
  assert.equal(t.sent.length, 6);
  assert.equal(inc.transaction.state, 'terminated');
  assert.equal(requests.length, 1);
});

test('INVITE server: no ACK → Timer H ends the transaction and tells the TU', () => {
  const { s, t, requests } = setup();
  t.inject(request('INVITE'), UAC);
  const inc = requests[0]!;
  let timedOut = false;
  if (inc.transaction.kind === 'invite-server') inc.transaction.timedOut.on(() => (timedOut = true));
  inc.respond(603);
  s.advance(32_000);
  assert.equal(timedOut, true);
  assert.equal(inc.transaction.state, 'terminated');
});

test('responses go to received/rport (RFC 3581) and the Via is stamped', () => {
  const { t, requests } = setup();
  t.inject(request('OPTIONS'), UAC);
  const inc = requests[0]!;
  assert.equal(topViaOf(inc.request)?.params.get('received'), '10.0.0.7');
  assert.equal(topViaOf(inc.request)?.params.get('rport'), '5062');
  inc.respond(200);
  assert.deepEqual(t.sent[0]!.dest, { protocol: 'udp', host: '10.0.0.7', port: 5062 });
  const res = parseMessage(t.sent[0]!.data) as SipResponse;
  assert.match(getHeader(res, 'Via') ?? '', /received=10\.0\.0\.7;rport=5062|rport=5062;received=10\.0\.0\.7/);
});

test('without rport, UDP responses go to received + sent-by port (§18.2.2)', () => {
  const { t, requests } = setup();
  t.inject(request('OPTIONS').replace(';rport', ''), UAC);
  requests[0]!.respond(200);
  assert.deepEqual(t.sent[0]!.dest, { protocol: 'udp', host: '10.0.0.7', port: 5062 });
});

test('non-INVITE server: retransmission gets the last response; Timer J ends it', () => {
  const { s, t, requests } = setup();
  t.inject(request('OPTIONS'), UAC);
  t.inject(request('OPTIONS'), UAC); // Trying: nothing to resend yet
  assert.equal(t.sent.length, 0);
  requests[0]!.respond(200);
  t.inject(request('OPTIONS'), UAC);
  assert.equal(t.sent.length, 2);
  assert.equal(requests.length, 1);
  s.advance(32_000);
  assert.equal(requests[0]!.transaction.state, 'terminated');
  t.inject(request('OPTIONS'), UAC);
  assert.equal(requests.length, 2);
});

test('CANCEL: 200 to the CANCEL, 487 to the INVITE, TU told; unknown CANCEL gets 481', () => {
  const { t, ep, requests } = setup();
  const cancelled: string[] = [];
  ep.cancelled.on((r) => cancelled.push(r.request.method));
  t.inject(request('INVITE'), UAC);
  requests[0]!.respond(180);
  t.inject(request('CANCEL'), UAC);
  assert.deepEqual(statusLines(t), [
    'SIP/2.0 100 Trying',
    'SIP/2.0 180 Ringing',
    'SIP/2.0 200 OK',
    'SIP/2.0 487 Request Terminated',
  ]);
  const to180 = getHeader(parseMessage(t.sent[1]!.data) as SipResponse, 'To');
  assert.equal(getHeader(parseMessage(t.sent[3]!.data) as SipResponse, 'To'), to180);
  assert.deepEqual(cancelled, ['INVITE']);
  t.inject(request('CANCEL', 'z9hG4bKnone'), UAC);
  assert.equal(statusLines(t).at(-1), 'SIP/2.0 481 Call/Transaction Does Not Exist');
});

test('merged request (same From tag, Call-ID, CSeq; other branch) gets 482', () => {
  const { t, requests } = setup();
  t.inject(request('INVITE', 'z9hG4bKpath1'), UAC);
  t.inject(request('INVITE', 'z9hG4bKpath2'), UAC);
  assert.equal(requests.length, 1);
  assert.equal(statusLines(t).at(-1), 'SIP/2.0 482 Loop Detected');
});

test('Max-Forwards 0 on INVITE gets 483', () => {
  const { t, requests } = setup();
  t.inject(request('INVITE').replace('Max-Forwards: 70', 'Max-Forwards: 0'), UAC);
  assert.equal(requests.length, 0);
  assert.equal(statusLines(t).at(-1), 'SIP/2.0 483 Too Many Hops');
});

test('a malformed request with a usable Via is answered 400; garbage is dropped', () => {
  const { t } = setup();
  t.inject(request('OPTIONS').replace('CSeq: 7 OPTIONS', 'CSeq: 7 INVITE'), UAC);
  assert.match(statusLines(t)[0] ?? '', /^SIP\/2.0 400 Bad Request/);
  t.inject('\x00\x01garbage', UAC);
  assert.equal(t.sent.length, 1);
});

test('reliable transport: no retransmissions, Timer J is zero', () => {
  const { s, t, requests } = setup('tcp');
  t.inject(request('OPTIONS'), { ...UAC, protocol: 'tcp', connectionId: 'c1' });
  requests[0]!.respond(200);
  assert.equal(requests[0]!.transaction.state, 'terminated');
  assert.equal(t.sent[0]!.dest.connectionId, 'c1');
  s.advance(60_000);
  assert.equal(t.sent.length, 1);
});

test('admit hook drops silently before and after parsing', () => {
  const s = new FakeScheduler(0);
  const t = new MemoryTransport({ host: '127.0.0.1', port: 5060 });
  const seen: string[] = [];
  const ep = new SipEndpoint({
    transports: [t],
    scheduler: s,
    admit: (src, msg) =>
      src.host !== '6.6.6.6' && (msg === undefined || !/friendly-scanner/.test(getHeader(msg, 'User-Agent') ?? '')),
  });
  ep.request.on((r) => seen.push(r.request.method));
  t.inject(request('OPTIONS'), { ...UAC, host: '6.6.6.6' });
  t.inject(request('OPTIONS').replace('Max-Forwards', 'User-Agent: friendly-scanner\r\nMax-Forwards'), UAC);
  assert.deepEqual(seen, []);
  assert.equal(t.sent.length, 0);
});

function serializeText(m: SipResponse): string {
  let s = `SIP/2.0 ${m.status} ${m.reason}\r\n`;
  for (const h of m.headers) s += `${h.name}: ${h.value}\r\n`;
  return `${s}Content-Length: 0\r\n\r\n`;
}

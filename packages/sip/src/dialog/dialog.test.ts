import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createResponse } from '../message/create-response.ts';
import { getHeader, getHeaders } from '../message/headers.ts';
import { parseMessage } from '../message/parse-message.ts';
import type { SipRequest } from '../message/sip-message.ts';
import { Dialog } from './dialog.ts';

const INVITE = parseMessage(
  'INVITE sip:100@switch.example SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa\r\n' +
    'Record-Route: <sip:p1.example;lr>, <sip:p2.example;lr>\r\nFrom: "Caller" <sip:2000@carrier>;tag=c1\r\n' +
    'To: <sip:100@switch.example>\r\nCall-ID: call-1\r\nCSeq: 314 INVITE\r\nContact: <sip:2000@10.0.0.1:5060>\r\n' +
    'Content-Length: 0\r\n\r\n',
) as SipRequest;

test('UAS dialog: route set in order, remote target, tags, CSeq spaces (§12.1.1, §12.2.1.1)', () => {
  const ok = createResponse(INVITE, 200, { toTag: 's1' });
  const d = Dialog.asUas(INVITE, ok);
  assert.ok(d);
  assert.equal(d.state, 'confirmed');
  assert.deepEqual(d.id, { callId: 'call-1', localTag: 's1', remoteTag: 'c1' });
  const bye = d.createRequest('BYE');
  assert.equal(bye.uri, 'sip:2000@10.0.0.1:5060');
  assert.deepEqual(getHeaders(bye, 'Route'), ['<sip:p1.example;lr>', '<sip:p2.example;lr>']);
  assert.equal(getHeader(bye, 'From'), '<sip:100@switch.example>;tag=s1');
  assert.equal(getHeader(bye, 'To'), '<sip:2000@carrier>;tag=c1');
  const n = Number(getHeader(bye, 'CSeq')?.split(' ')[0]);
  assert.equal(getHeader(d.createRequest('INFO'), 'CSeq'), `${n + 1} INFO`);
  assert.equal(d.nextHop()?.host, 'p1.example');
});

test('in-dialog requests: lower CSeq is out of order, re-INVITE refreshes the target, BYE ends it', () => {
  const d = Dialog.asUas(INVITE, createResponse(INVITE, 200, { toTag: 's1' }))!;
  const inDialog = (method: string, seq: number, contact = '') =>
    parseMessage(
      `${method} sip:100@switch.example SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK${seq}\r\n` +
        `From: <sip:2000@carrier>;tag=c1\r\nTo: <sip:100@switch.example>;tag=s1\r\nCall-ID: call-1\r\n` +
        `CSeq: ${seq} ${method}\r\n${contact}Content-Length: 0\r\n\r\n`,
    ) as SipRequest;
  assert.equal(d.receiveRequest(inDialog('INFO', 313)), 'out-of-order');
  assert.equal(d.receiveRequest(inDialog('INVITE', 315, 'Contact: <sip:2000@10.0.0.9:5070>\r\n')), 'ok');
  assert.equal(d.remoteTarget, 'sip:2000@10.0.0.9:5070');
  assert.equal(d.receiveRequest(inDialog('BYE', 316)), 'ok');
  assert.equal(d.state, 'terminated');
});

test('UAC dialog: early on 180 with tag, confirmed by 2xx, route set reversed, ACK reuses CSeq', () => {
  const ringing = createResponse(INVITE, 180, { toTag: 'b1' });
  ringing.headers.push({ name: 'Contact', value: '<sip:100@10.9.9.9>' });
  const d = Dialog.asUac(INVITE, ringing)!;
  assert.equal(d.state, 'early');
  assert.deepEqual(d.routeSet, ['<sip:p2.example;lr>', '<sip:p1.example;lr>']);
  const ok = createResponse(INVITE, 200, { toTag: 'b1' });
  ok.headers.push({ name: 'Contact', value: '<sip:100@10.9.9.10>' });
  d.receiveResponse(ok);
  assert.equal(d.state, 'confirmed');
  assert.equal(d.remoteTarget, 'sip:100@10.9.9.10');
  assert.equal(getHeader(d.createRequest('ACK', { ackFor: 314 }), 'CSeq'), '314 ACK');
  assert.equal(getHeader(d.createRequest('BYE'), 'CSeq'), '315 BYE');
});

test('strict routing: first route without lr becomes the Request-URI, target goes last', () => {
  const inv = parseMessage(
    INVITE.headers.reduce(
      (s, h) => s + `${h.name}: ${h.name === 'Record-Route' ? '<sip:strict.example>' : h.value}\r\n`,
      'INVITE sip:100@switch.example SIP/2.0\r\n',
    ) + '\r\n',
  ) as SipRequest;
  const d = Dialog.asUas(inv, createResponse(inv, 200, { toTag: 's' }))!;
  const bye = d.createRequest('BYE');
  assert.equal(bye.uri, 'sip:strict.example');
  assert.deepEqual(getHeaders(bye, 'Route'), ['<sip:2000@10.0.0.1:5060>']);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contactsOf, getHeader, getHeaders, intHeader, prependHeader, setHeader, topViaOf } from './headers.ts';
import { formatNameAddr, parseNameAddr } from './name-addr.ts';
import { parseMessage } from './parse-message.ts';
import { serialize } from './serialize.ts';
import { isParseError, type SipRequest } from './sip-message.ts';
import { aorOf, formatUri, parseUri, type SipUri } from './uri.ts';
import { formatVia, parseVia } from './via.ts';

const REGISTER = [
  'REGISTER sip:127.0.0.1 SIP/2.0',
  'v: SIP/2.0/UDP 10.0.0.5:5062;branch=z9hG4bK776;rport',
  'f: <sip:1001@127.0.0.1>;tag=a1',
  't: <sip:1001@127.0.0.1>',
  'i: abc@10.0.0.5',
  'CSeq: 1 REGISTER',
  'm: <sip:1001@10.0.0.5:5062;transport=udp>;expires=60, "Desk" <sip:1001@[2001:db8::1]:5070>;q=0.5',
  'Expires: 3600',
  'l: 0',
  '',
  '',
].join('\r\n');

test('compact forms map to long names and lists split on top-level commas', () => {
  const m = parseMessage(REGISTER) as SipRequest;
  assert.equal(m.kind, 'request');
  assert.equal(getHeader(m, 'call-id'), 'abc@10.0.0.5');
  assert.equal(getHeader(m, 'i'), 'abc@10.0.0.5');
  assert.equal(getHeaders(m, 'Contact').length, 2);
  const c = contactsOf(m);
  assert.ok(Array.isArray(c));
  assert.equal((c[1]!.uri as SipUri).host, '[2001:db8::1]');
  assert.equal((c[1]!.uri as SipUri).port, 5070);
  assert.equal(c[1]?.displayName, 'Desk');
  assert.equal(c[0]?.params.get('expires'), '60');
  assert.equal(intHeader(m, 'Expires'), 3600);
  const via = topViaOf(m);
  assert.equal(via?.params.has('rport'), true);
  assert.equal(via?.params.get('rport'), null);
});

test('serialize writes long names, recomputes Content-Length and round-trips', () => {
  const m = parseMessage(REGISTER) as SipRequest;
  m.body = Buffer.from('hello');
  setHeader(m, 'Content-Type', 'text/plain');
  prependHeader(m, 'Via', 'SIP/2.0/UDP proxy.example.com;branch=z9hG4bKp1');
  const wire = serialize(m).toString();
  assert.match(
    wire,
    /^REGISTER sip:127.0.0.1 SIP\/2.0\r\nVia: SIP\/2.0\/UDP proxy.example.com;branch=z9hG4bKp1\r\nVia: /,
  );
  assert.match(wire, /\r\nContent-Length: 5\r\n\r\nhello$/);
  assert.doesNotMatch(wire, /Content-Length: 0/);
  const back = parseMessage(wire);
  assert.ok(!isParseError(back));
  assert.equal(topViaOf(back)?.host, 'proxy.example.com');
});

test('URIs: params, headers, IPv6, escapes; bad ones are null', () => {
  const u = parseUri('sips:alice:pw@[::1]:5061;transport=tls;lr?subject=hi%20there') as SipUri;
  assert.equal(u.scheme, 'sips');
  assert.equal(u.password, 'pw');
  assert.equal(u.host, '[::1]');
  assert.equal(u.port, 5061);
  assert.equal(u.params.get('transport'), 'tls');
  assert.equal(u.headers.get('subject'), 'hi there');
  assert.equal(formatUri(parseUri('sip:bob@Example.COM:5060;lr') as SipUri), 'sip:bob@example.com:5060;lr');
  assert.equal(aorOf(parseUri('sip:%62ob@Example.com:5070;transport=tcp') as SipUri), 'sip:bob@example.com');
  for (const bad of ['sip:', 'sip:a@', 'sip:a b@c', 'sip:host:99999', 'sip:[::1', 'sip:a@b:c', ':x', 'sip:@h']) {
    assert.equal(parseUri(bad), null, bad);
  }
  assert.deepEqual(parseUri('tel:+8612345'), { scheme: 'tel', opaque: '+8612345' });
});

test('name-addr formats and parses back', () => {
  const na = parseNameAddr('"A \\"B\\"" <sip:a@b.c;lr>;tag=x;q=0.7');
  assert.ok(na);
  assert.equal(na.displayName, 'A "B"');
  const again = parseNameAddr(formatNameAddr(na));
  assert.deepEqual(again, na);
  assert.equal(parseNameAddr('<sip:a@b'), null);
  assert.equal(parseNameAddr('"unterminated <sip:a@b>'), null);
});

test('Via parse and format', () => {
  const v = parseVia('SIP / 2.0 / tcp 192.0.2.1:5070 ; branch=z9hG4bKx ; received=10.0.0.1;rport=1234');
  assert.ok(v);
  assert.equal(v.transport, 'TCP');
  assert.equal(v.port, 5070);
  assert.equal(formatVia(v), 'SIP/2.0/TCP 192.0.2.1:5070;branch=z9hG4bKx;received=10.0.0.1;rport=1234');
  assert.equal(parseVia('SIP/2.0/UDP'), null);
});

test('hostile inputs are errors, not exceptions', () => {
  for (const s of [
    '',
    '\r\n\r\n',
    'GARBAGE',
    'SIP/2.0 999 x\r\n\r\n',
    `INVITE sip:a@b SIP/2.0\r\n${'X: y\r\n'.repeat(300)}\r\n`,
  ]) {
    assert.ok(isParseError(parseMessage(s)), JSON.stringify(s.slice(0, 20)));
  }
  const partial = parseMessage(
    'INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCSeq: 1 INVITE\r\n\r\n',
  );
  assert.ok(isParseError(partial));
  assert.equal(partial.partial?.method, 'INVITE');
});

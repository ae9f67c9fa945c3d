import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { contactsOf, cseqOf, fromOf, getHeader, getHeaders, tagOf, toOf, viasOf } from './headers.ts';
import { parseMessage } from './parse-message.ts';
import { loadRfc4475 } from './rfc4475-fixture.ts';
import { isParseError, type SipMessage, type SipRequest, type SipResponse } from './sip-message.ts';
import { isSipUri, parseUri, type SipUri, userDecoded } from './uri.ts';

/** RFC 4475 §3.1.1, §3.2, §3.3 and §3.4 messages that a parser must accept (semantics are the UA's job). */
const VALID = [
  'wsinv',
  'intmeth',
  'esc01',
  'escnull',
  'esc02',
  'lwsdisp',
  'longreq',
  'dblreq',
  'semiuri',
  'transports',
  'mpart01',
  'unreason',
  'noreason',
  'badbranch',
  'unkscm',
  'novelsc',
  'unksm2',
  'zeromf',
  'cparam01',
  'cparam02',
  'regescrt',
  'inv2543',
  'regaut01',
];
/** RFC 4475 §3.1.2 (and §3.3.1/8/9) messages that must be rejected. */
const INVALID: Record<string, RegExp> = {
  badinv01: /malformed Via/,
  clerr: /Content-Length larger/,
  ncl: /malformed Content-Length/,
  scalar02: /malformed CSeq/,
  scalarlg: /malformed CSeq/,
  quotbal: /malformed To/,
  ltgtruri: /malformed Request-URI/,
  lwsruri: /malformed start line/,
  lwsstart: /malformed start line/,
  trws: /malformed start line/,
  escruri: /Request-URI with headers/,
  baddate: /Date not in GMT/,
  regbadct: /malformed Contact/,
  badaspec: /malformed To/,
  baddn: /malformed From/,
  badvers: /unsupported version SIP\/7.0/,
  mismatch01: /CSeq method does not match/,
  mismatch02: /CSeq method does not match/,
  bigcode: /malformed status line/,
  insuf: /missing (From|To|Call-ID)/,
  multi01: /more than one/,
  mcl01: /conflicting Content-Length/,
};

function ok(name: string): SipMessage {
  const m = parseMessage(loadRfc4475(name));
  if (isParseError(m)) assert.fail(`${name} rejected: ${m.reason}`);
  return m;
}
const req = (name: string) => ok(name) as SipRequest;
const uriOf = (s: string) => parseUri(s) as SipUri;

test('every fixture is classified', () => {
  const files = readdirSync(join(import.meta.dirname, '..', '__fixtures__', 'rfc4475')).map((f) =>
    f.replace(/\.sip$/, ''),
  );
  assert.deepEqual([...files].sort(), [...VALID, ...Object.keys(INVALID)].sort());
});

for (const name of VALID) test(`RFC 4475 valid: ${name} parses`, () => void ok(name));
for (const [name, why] of Object.entries(INVALID)) {
  test(`RFC 4475 invalid: ${name} is rejected (${why.source})`, () => {
    const m = parseMessage(loadRfc4475(name));
    assert.ok(isParseError(m), `${name} was accepted`);
    assert.match(m.reason, why);
  });
}

test('wsinv: folding, compact forms, LWS around separators, escaped quotes', () => {
  const m = req('wsinv');
  assert.equal(m.method, 'INVITE');
  assert.equal(uriOf(m.uri).params.has('unknownparam'), true);
  assert.equal(tagOf(toOf(m)), '1918181833n');
  const from = fromOf(m);
  assert.equal(from?.displayName, 'J Rosenberg \\"');
  assert.equal(tagOf(from), '98asjd8');
  assert.equal(getHeader(m, 'Max-Forwards'), '0068');
  assert.deepEqual(cseqOf(m), { seq: 9, method: 'INVITE' });
  const vias = viasOf(m);
  assert.deepEqual(
    vias.map((v) => [v.transport, v.host, v.params.get('branch')]),
    [
      ['UDP', '192.0.2.2', '390skdjuw'],
      ['TCP', 'spindle.example.com', 'z9hG4bK9ikj8'],
      ['UDP', '192.168.255.111', 'z9hG4bK30239'],
    ],
  );
  assert.equal(getHeader(m, 'Subject'), '');
  assert.equal(getHeader(m, 'NewFangledHeader'), 'newfangled value continued newfangled value');
  assert.equal(getHeader(m, 'UnknownHeaderWithUnusualValue'), ';;,,;;,;');
  const contacts = contactsOf(m);
  assert.ok(Array.isArray(contacts));
  assert.equal(contacts[0]?.displayName, 'Quoted string ""');
  assert.equal(contacts[0]?.params.get('newparam'), 'newvalue');
  assert.equal(contacts[0]?.params.get('q'), '0.33');
  assert.ok(contacts[0]?.params.has('secondparam'));
  assert.equal(m.body.byteLength, 150);
});

test('intmeth: the widest legal characters in method, URI, tags and Call-ID', () => {
  const m = req('intmeth');
  assert.equal(m.method, "!interesting-Method0123456789_*+`.%indeed'~");
  const u = uriOf(m.uri);
  assert.equal(u.user, "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
  assert.equal(u.password, "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
  assert.equal(u.host, 'example.com');
  assert.equal(toOf(m)?.displayName, 'BEL:\x07 NUL:\x00 DEL:\x7f');
  assert.equal(tagOf(fromOf(m)), "_token~1'+`*%!-.");
  assert.equal(fromOf(m)?.displayName, "token1~` token2'+_ token3*%!.-");
  assert.equal(getHeader(m, 'Call-ID'), 'intmeth.word%ZK-!.*_+\'@word`~)(><:\\/"][?}{');
  assert.equal(getHeader(m, "extensionHeader-!.%*+_`'~"), '\ufeff大停電');
});

test('esc01 / escnull / esc02: escapes decode in comparisons, % outside escapes is literal', () => {
  const m = req('esc01');
  const ru = uriOf(m.uri);
  assert.equal(userDecoded(ru), 'sips:user@example.com');
  assert.equal(ru.host, 'example.net');
  const to = toOf(m)?.uri as SipUri;
  assert.equal(userDecoded(to), 'user');
  assert.equal(userDecoded(fromOf(m)!.uri as SipUri), 'I have spaces');
  const c = contactsOf(m);
  assert.ok(Array.isArray(c));
  const cu = c[0]?.uri as SipUri;
  assert.equal(userDecoded(cu), 'caller');
  assert.ok(cu.params.has('lr'));
  assert.equal(cu.params.get('name'), 'value%41');
  const n = req('escnull');
  assert.equal(userDecoded(toOf(n)!.uri as SipUri), 'null-\x00-null');
  const nc = contactsOf(n);
  assert.ok(Array.isArray(nc));
  assert.deepEqual(
    nc.map((x) => userDecoded(x.uri as SipUri)),
    ['\x00', '\x00\x00'],
  );
  const e2 = req('esc02');
  assert.equal(e2.method, 'RE%47IST%45R');
  assert.equal(toOf(e2)?.displayName, '%Z%45');
  assert.equal((contactsOf(e2) as unknown[]).length, 3);
});

test('lwsdisp, semiuri, transports, longreq', () => {
  assert.equal(fromOf(req('lwsdisp'))?.displayName, 'caller');
  const s = req('semiuri');
  const su = uriOf(s.uri);
  assert.equal(su.user, 'user;par=u%40example.net');
  assert.equal(su.host, 'example.com');
  assert.equal(su.params.size, 0);
  assert.equal(getHeaders(s, 'Accept').length, 6);
  assert.deepEqual(
    viasOf(req('transports')).map((v) => v.transport),
    ['UDP', 'SCTP', 'TLS', 'UNKNOWN', 'TCP'],
  );
  const l = req('longreq');
  assert.equal(viasOf(l).length, 34);
  assert.equal(tagOf(fromOf(l)), `12${'982'.repeat(50)}424`);
  assert.equal(toOf(l)?.displayName, `I have a user name of ${'extremely'.repeat(10)} long length`);
  assert.equal(l.body.byteLength, 150);
});

test('dblreq: octets after Content-Length are ignored', () => {
  const m = req('dblreq');
  assert.equal(m.method, 'REGISTER');
  assert.equal(m.body.byteLength, 0);
});

test('mpart01: binary body kept byte for byte', () => {
  const m = req('mpart01');
  assert.equal(m.body.byteLength, 389);
  assert.ok(Buffer.from(m.body).includes(Buffer.from('3082015206092a86', 'hex')));
});

test('unreason / noreason: UTF-8 and empty reason phrases', () => {
  const u = ok('unreason') as SipResponse;
  assert.equal(u.status, 200);
  assert.match(u.reason, /^= 2\*\*3 \* 5\*\*2 но сто девяносто девять - простое$/);
  const n = ok('noreason') as SipResponse;
  assert.equal(n.status, 100);
  assert.equal(n.reason, '');
});

test('semantic cases parse to the values the UA must act on', () => {
  assert.equal(viasOf(req('badbranch'))[0]?.params.get('branch'), 'z9hG4bK');
  assert.equal(parseUri(req('unkscm').uri)?.scheme, 'nobodyknowsthisscheme');
  assert.equal(parseUri(req('novelsc').uri)?.scheme, 'soap.beep');
  assert.equal(toOf(req('unksm2'))?.uri.scheme, 'isbn');
  assert.equal(getHeader(req('zeromf'), 'Max-Forwards'), '0');
  // cparam01: in the addr-spec form ";unknownparam" belongs to the header; cparam02: to the URI
  const c1 = contactsOf(req('cparam01'));
  const c2 = contactsOf(req('cparam02'));
  assert.ok(Array.isArray(c1) && Array.isArray(c2));
  assert.ok(c1[0]?.params.has('unknownparam'));
  assert.ok(isSipUri(c2[0]!.uri) && (c2[0]!.uri as SipUri).params.has('unknownparam'));
  const rc = contactsOf(req('regescrt'));
  assert.ok(Array.isArray(rc));
  assert.equal((rc[0]!.uri as SipUri).headers.get('Route'), '<sip:sip.example.com>');
  assert.equal(getHeader(req('regaut01'), 'Authorization'), 'NoOneKnowsThisScheme opaque-data=here');
  assert.equal(viasOf(req('inv2543'))[0]?.params.has('branch'), false);
});

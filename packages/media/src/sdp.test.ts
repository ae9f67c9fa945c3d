import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerAudioOffer, answerDirection, createAudioOffer, parseSdp, readAudioAnswer } from './sdp.ts';

const sippOffer = [
  'v=0',
  'o=user1 53655765 2353687637 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 6000 RTP/AVP 0 8 101',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-11,16',
  'm=video 6002 RTP/AVP 96',
  'a=rtpmap:96 H264/90000',
  '',
].join('\r\n');

test('parse: formats, telephone-event, direction, media-level connection', () => {
  const p = parseSdp(sippOffer);
  assert.ok(p.ok);
  const a = p.value.audio!;
  assert.equal(a.port, 6000);
  assert.equal(a.address, '127.0.0.1');
  assert.deepEqual(
    a.formats.map((f) => `${f.payloadType}:${f.name}`),
    ['0:PCMU', '8:PCMA', '101:TELEPHONE-EVENT'],
  );
  assert.equal(a.formats[2]!.fmtp, '0-11,16');
  assert.equal(a.direction, 'sendrecv');
  assert.equal(p.value.mediaLines.length, 2);
});

test('answer picks our preferred codec, keeps the offer DTMF PT, rejects video with port 0', () => {
  const r = answerAudioOffer(sippOffer, {
    address: '127.0.0.1',
    port: 30000,
    codecs: ['PCMA', 'PCMU'],
    sessionId: '1',
  });
  assert.ok(r.ok);
  assert.deepEqual(r.value.negotiated, {
    remoteAddress: '127.0.0.1',
    remotePort: 6000,
    codec: 'PCMA',
    payloadType: 8,
    dtmfPayloadType: 101,
    ptime: 20,
    direction: 'sendrecv',
  });
  assert.match(r.value.sdp, /m=audio 30000 RTP\/AVP 8 101\r\n/);
  assert.match(r.value.sdp, /m=video 0 RTP\/AVP 96\r\n$/);
  const back = parseSdp(r.value.sdp);
  assert.ok(back.ok && back.value.audio?.formats.length === 2);
});

test('hold: sendonly offer gets recvonly; inactive stays inactive; no common codec is an error', () => {
  const hold = sippOffer.replace('a=fmtp:101 0-11,16', 'a=fmtp:101 0-11,16\r\na=sendonly');
  const r = answerAudioOffer(hold, { address: '127.0.0.1', port: 30000, codecs: ['PCMU'] });
  assert.ok(r.ok);
  assert.equal(r.value.negotiated.direction, 'recvonly');
  assert.match(r.value.sdp, /a=recvonly/);
  assert.equal(answerDirection('inactive', 'sendrecv'), 'inactive');
  assert.equal(answerDirection('recvonly', 'sendrecv'), 'sendonly');
  assert.equal(answerDirection('sendrecv', 'recvonly'), 'recvonly');
  const g729 = sippOffer.replace('m=audio 6000 RTP/AVP 0 8 101', 'm=audio 6000 RTP/AVP 18');
  assert.equal(answerAudioOffer(g729, { address: '127.0.0.1', port: 1, codecs: ['PCMU'] }).ok, false);
  assert.equal(parseSdp('hello').ok, false);
  assert.equal(parseSdp('v=0\r\nm=audio x RTP/AVP 0').ok, false);
});

test('offer → answer → readAudioAnswer closes the loop', () => {
  const local = { address: '127.0.0.1', port: 30002, codecs: ['PCMU', 'PCMA'] as const, dtmfPayloadType: 96 };
  const offer = createAudioOffer({ ...local, codecs: [...local.codecs] });
  const ans = answerAudioOffer(offer, { address: '127.0.0.1', port: 40000, codecs: ['PCMA'], direction: 'sendonly' });
  assert.ok(ans.ok);
  assert.equal(ans.value.negotiated.dtmfPayloadType, 96);
  const neg = readAudioAnswer(ans.value.sdp, { ...local, codecs: [...local.codecs] });
  assert.ok(neg.ok);
  assert.equal(neg.value.codec, 'PCMA');
  assert.equal(neg.value.remotePort, 40000);
  assert.equal(neg.value.direction, 'recvonly', 'the far end only sends, so we only receive');
});
